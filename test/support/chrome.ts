// Finds a Chrome or Chromium for the browser tests, the e2e run and the bench.
// On a fresh Debian machine running as root it installs Debian's `chromium` itself, as the README promises;
// anywhere else it says in one line how to get one, because a stack trace from the launcher explains nothing.
import {ensureTool} from './debian.js';

const usualPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

const usualCommands = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export const howToGetChromium =
  'No Chrome or Chromium found: install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROME_PATH to its executable.';

/** The Chrome to use, installing Debian's chromium first where that is possible; throws with one clear line otherwise. */
export function ensureChrome(): string {
  return ensureTool({envVar: 'CHROME_PATH', paths: usualPaths, commands: usualCommands, pkg: 'chromium', hint: howToGetChromium});
}

/** Flags Chromium needs on these machines: root needs --no-sandbox, a closed network needs background traffic off. */
export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Test pages run two at a time, so one is always in the background: without these its timers are throttled to
  // once a second, and every timing-based test (backoff, countdown, debounce) becomes slow and flaky.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

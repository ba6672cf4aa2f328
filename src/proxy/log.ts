// What the proxy tells its operator: the mistakes a partner makes while setting it up (a page origin it refuses, an
// upstream it cannot reach, credentials upstream rejects) and its own bugs. The browser only sees a short refusal,
// and a CORS refusal not even that, so the proxy's log is where the reason has to be. Pure: no Node APIs.

/** Receives one line per event; `npm run proxy` writes them to stderr. */
export type ProxyLog = (line: string) => void;

/** Distinct lines remembered at most; beyond that the memory starts again (a flood of origins cannot grow it). */
const REMEMBERED = 1000;

/** Lines said at most per interval, all lines together: distinct ones (a new Origin each request) cannot flood it. */
const MOST_PER_INTERVAL = 20;

/**
 * Says each distinct line at most once per `everyMs`, and at most MOST_PER_INTERVAL lines in all per `everyMs`
 * (then once that some were held back): a page refused a hundred times a minute is one line a minute, and a flood of
 * requests, even each with a different origin, is never a flood of log lines.
 */
export function throttledLog(write: ProxyLog, everyMs = 60_000, now: () => number = Date.now): ProxyLog {
  const said = new Map<string, number>();
  let windowStart = -Infinity;
  let inWindow = 0;
  return (line) => {
    const t = now();
    const last = said.get(line);
    if (last !== undefined && t - last < everyMs) return;
    if (t - windowStart >= everyMs) {
      windowStart = t;
      inWindow = 0;
    }
    if (++inWindow > MOST_PER_INTERVAL) {
      if (inWindow === MOST_PER_INTERVAL + 1) write('more lines this minute are not written (too many distinct ones)');
      return;
    }
    if (said.size >= REMEMBERED) said.clear();
    said.set(line, t);
    write(line);
  };
}

/**
 * The log every host of ours writes: `npm run proxy`, the Next.js route and the edge worker. One `proxy: …` line per
 * event on the console's error stream (stderr in Node, the worker's log at the edge), each distinct line once a minute.
 */
export function consoleLog(): ProxyLog {
  return throttledLog((line) => console.error(`proxy: ${line}`));
}

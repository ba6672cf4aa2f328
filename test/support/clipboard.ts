// What is on the clipboard, as a user would get it: pasted with Ctrl+V into a textarea. A paste the user makes needs
// no clipboard-read permission, which headless Chromium does not grant to navigator.clipboard.readText().
import {sendKeys} from '@web/test-runner-commands';

export async function pasteClipboard(): Promise<string> {
  const area = document.createElement('textarea');
  document.body.append(area);
  try {
    area.focus();
    await sendKeys({down: 'Control'});
    await sendKeys({press: 'KeyV'});
    await sendKeys({up: 'Control'});
    await new Promise((r) => setTimeout(r, 50));
    return area.value;
  } finally {
    area.remove();
  }
}

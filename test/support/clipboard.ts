// The clipboard as a user meets it: a real click (through the browser's input pipeline, so the page has the user
// activation a copy needs), and what is on the clipboard, pasted with Ctrl+V into a textarea. A paste the user makes
// needs no clipboard-read permission, which headless Chromium does not grant to navigator.clipboard.readText().
import {sendKeys, sendMouse} from '@web/test-runner-commands';

/** Clicks the middle of `el` with the mouse, scrolled into view first. */
export async function realClick(el: Element): Promise<void> {
  el.scrollIntoView({block: 'center'});
  const box = el.getBoundingClientRect();
  await sendMouse({type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]});
}

/** What Ctrl+V pastes (empty when the clipboard is, after up to 2 s of waiting for the paste to land). */
export async function pasteClipboard(): Promise<string> {
  const area = document.createElement('textarea');
  document.body.append(area);
  try {
    area.focus();
    await sendKeys({down: 'Control'});
    await sendKeys({press: 'KeyV'});
    await sendKeys({up: 'Control'});
    for (const started = Date.now(); !area.value && Date.now() - started < 2000; ) await new Promise((r) => setTimeout(r, 20));
    return area.value;
  } finally {
    area.remove();
  }
}

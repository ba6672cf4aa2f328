// Copy-to-clipboard for the payment screen (amount, address) and the delivery screen (codes, order id).
// The controller remembers which item was copied last, for a couple of seconds, so the host can show
// "Copied" on that button and announce it in its live region.
import type {ReactiveController, ReactiveControllerHost} from 'lit';

const CONFIRMATION_MS = 2500;

export class CopyController implements ReactiveController {
  /** Key of the item copied last, while its confirmation shows. */
  copied: string | undefined;
  /** Key of the item whose copy failed last (no clipboard access): the host shows the text to copy by hand. */
  failed: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  async copy(key: string, text: string): Promise<boolean> {
    const ok = await writeToClipboard(text);
    this.copied = ok ? key : undefined;
    this.failed = ok ? undefined : key;
    this.host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.copied = undefined;
      this.failed = undefined;
      this.host.requestUpdate();
    }, CONFIRMATION_MS);
    return ok;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }
}

async function writeToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (insecure context, no permission, iframe without clipboard-write): the
    // selection-based copy still works in most of those cases.
    return copyBySelection(text);
  }
}

/** The focused element, inside shadow roots too (document.activeElement stops at the host). */
function focusedElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

function copyBySelection(text: string): boolean {
  // Selecting the textarea takes the focus: a keyboard user must find it back on the copy button afterwards.
  const focused = focusedElement();
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  // CSSOM, not a style attribute, so a strict style-src policy does not block it.
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    focused?.focus({preventScroll: true});
  }
}

// The demo page's own script: loads the widget from source, wires the language/theme switches and the sandbox
// control buttons, and logs every event the host page receives, as a partner's page would.
import '../src/define.js';

const widget = document.querySelector<HTMLElement>('#widget')!;
const sandboxUrl = widget.dataset['sandboxUrl'] ?? 'http://127.0.0.1:8788';
const status = document.querySelector<HTMLElement>('#sandbox-status')!;
const log = document.querySelector<HTMLOListElement>('#event-log')!;
let currentOrderId = '';

for (const name of ['cr-brand-select', 'cr-order-created', 'cr-status-change', 'cr-error'] as const) {
  document.addEventListener(name, (event) => {
    const detail = (event as CustomEvent).detail ?? {};
    if (detail.order?.order_id) currentOrderId = detail.order.order_id;
    const summary = detail.brand?.family ?? detail.state ?? detail.code ?? detail.order?.order_id ?? '';
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${name} ${summary}`;
    log.prepend(item);
  });
}

document.querySelector<HTMLSelectElement>('#lang')!.addEventListener('change', (event) => {
  const lang = (event.target as HTMLSelectElement).value;
  document.documentElement.lang = lang;
  for (const el of widget.querySelectorAll('cr-brand-picker, cr-checkout, cr-order-status')) el.setAttribute('lang', lang);
});

document.querySelector<HTMLSelectElement>('#theme')!.addEventListener('change', (event) => {
  const theme = (event.target as HTMLSelectElement).value;
  widget.classList.toggle('brand-theme', theme === 'brand');
  for (const el of widget.querySelectorAll('cr-brand-picker, cr-checkout, cr-order-status')) {
    if (theme === 'light' || theme === 'dark') el.setAttribute('theme', theme);
    else el.removeAttribute('theme');
  }
});

async function control(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox/${path}`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(body),
  });
  status.textContent = response.ok ? `Sandbox: ${path} done.` : `Sandbox: ${path} failed (${response.status}).`;
}

document.querySelector('#sandbox-buttons')!.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
  if (!button) return;
  // After a reload no event has come yet, but the tracker has resumed the current order.
  const orderId = currentOrderId || document.querySelector('cr-order-status')?.order?.order_id;
  if (!orderId) {
    status.textContent = 'Create an order first.';
    return;
  }
  void control(`orders/${orderId}/${button.dataset['action']}`, {amount: button.dataset['amount']});
});

document.querySelector<HTMLInputElement>('#autopilot')!.addEventListener('change', (event) => {
  void control('autopilot', {on: (event.target as HTMLInputElement).checked});
});

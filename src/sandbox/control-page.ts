// GET /__sandbox/: a tiny page listing orders with a button per action, for people driving the sandbox by hand.
// Plain HTML and a few lines of script calling the same JSON controls; no framework.
export function controlPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sandbox controls</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}button{margin:1px}</style>
</head><body>
<h1>Sandbox upstream</h1>
<p><label><input type="checkbox" id="autopilot"> auto-pilot</label> <button id="reset">reset</button> <button id="clear">clear faults</button></p>
<table><thead><tr><th>order</th><th>state</th><th>payment</th><th>version</th><th>actions</th></tr></thead><tbody id="orders"></tbody></table>
<script type="module">
const actions = [['pay','{"amount":"exact"}'],['pay under','{"amount":"under"}'],['pay over','{"amount":"over"}'],['seen'],['confirm'],['deliver'],['expire'],['fail'],['review'],['refund'],['cancel']];
const post = (path, body) => fetch('/__sandbox/' + path, {method: 'POST', headers: {'content-type': 'application/json'}, body: body ?? '{}'});
async function refresh() {
  const [orders, config] = await Promise.all([fetch('/__sandbox/orders').then((r) => r.json()), fetch('/__sandbox/config').then((r) => r.json())]);
  document.getElementById('autopilot').checked = config.autopilot;
  const rows = document.getElementById('orders');
  rows.replaceChildren(...orders.map((o) => {
    const tr = document.createElement('tr');
    for (const text of [o.order_id, o.order_state, o.payment_state, String(o.version)]) tr.append(Object.assign(document.createElement('td'), {textContent: text}));
    const td = document.createElement('td');
    for (const [label, body] of actions) {
      const b = Object.assign(document.createElement('button'), {textContent: label});
      b.onclick = () => post('orders/' + o.order_id + '/' + label.split(' ')[0], body).then(refresh);
      td.append(b);
    }
    tr.append(td);
    return tr;
  }));
}
document.getElementById('autopilot').onchange = (e) => post('autopilot', JSON.stringify({on: e.target.checked})).then(refresh);
document.getElementById('reset').onclick = () => post('reset').then(refresh);
document.getElementById('clear').onclick = () => fetch('/__sandbox/faults', {method: 'DELETE'}).then(refresh);
refresh();
setInterval(refresh, 2000);
</script>
</body></html>`;
}

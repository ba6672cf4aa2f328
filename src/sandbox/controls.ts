// The controls under /__sandbox/ (never an upstream path): JSON in and out, CORS open, so a demo page or a browser
// test can drive orders, switch the auto-pilot and inject faults. Listed in the README's sandbox section.
import {VALIDATION_PROBLEM_CODES} from '../upstream/problems.js';
import {ACTIONS, type Action} from './orders.js';
import {FAULT_KINDS, faultJson, parseFaultSpec} from './faults.js';
import {isObject, json, message, parseJson, type Reply} from './http.js';
import {AS_PROBLEM_TOKEN, VALID_PROMO_CODE} from './validation.js';
import {GENERATED_COUNTRIES} from './catalogue/generated.js';
import {CURATED} from './catalogue/countries.js';
import {controlPage} from './control-page.js';
import type {Sandbox} from './sandbox.js';

function body(text: string): Record<string, unknown> | Reply {
  if (!text.trim()) return {};
  const parsed = parseJson(text);
  if (!parsed.ok) return message(400, 'malformed JSON body');
  if (!isObject(parsed.value)) return message(400, 'body must be a JSON object');
  return parsed.value;
}
const isReply = (v: unknown): v is Reply => isObject(v) && typeof v.status === 'number' && ('json' in v || 'body' in v);

export function stats(sandbox: Sandbox): Record<string, unknown> {
  return {
    openStreams: sandbox.hub.openStreams,
    openStreamsByOrder: sandbox.hub.openStreamsByOrder,
    orders: sandbox.orders.size,
    counts: sandbox.log.counts,
    requests: sandbox.log.requests,
    faults: sandbox.faults.all().map(faultJson),
    config: sandbox.config,
  };
}

export function control(sandbox: Sandbox, method: string, path: string, text: string): Reply {
  const route = path.replace(/^\/__sandbox\/?/, '').replace(/\/+$/, '');
  const input = body(text);
  if (isReply(input)) return input;
  const parts = route.split('/');

  if (route === '' && method === 'GET') return {status: 200, body: controlPage(), type: 'text/html; charset=utf-8'};
  if (route === 'reset' && method === 'POST') {
    sandbox.reset();
    return json(200, {ok: true});
  }
  if (route === 'stats' && method === 'GET') return json(200, stats(sandbox));
  if (route === 'orders' && method === 'GET') {
    return json(200, sandbox.orders.list().map((r) => ({order_id: r.id, version: r.version, order_state: r.order.order_state, payment_state: r.order.payment_state, created_at: r.order.created_at})));
  }
  if (parts[0] === 'orders' && parts.length === 2 && method === 'GET') {
    const record = sandbox.orders.get(parts[1]!);
    return record ? json(200, {version: record.version, order: record.order}) : message(404, 'order not found');
  }
  if (parts[0] === 'orders' && parts.length === 3 && method === 'POST') {
    const action = parts[2] as Action;
    if (!(ACTIONS as readonly string[]).includes(action)) return message(400, `action must be one of ${ACTIONS.join(', ')}`);
    const result = sandbox.act(parts[1]!, action, input);
    if (typeof result === 'string') return message(result === 'unknown order' ? 404 : 400, result);
    return json(200, {version: result.version, order: result.order});
  }
  if (route === 'autopilot' && method === 'POST') {
    if (typeof input.on !== 'boolean') return message(400, '{on: boolean} is required');
    sandbox.config.autopilot = input.on;
    return json(200, {autopilot: sandbox.config.autopilot});
  }
  if (route === 'config' && method === 'GET') return json(200, sandbox.config);
  if (route === 'config' && method === 'POST') {
    for (const key of ['keepAliveMs', 'autopilotStepMs', 'paymentWindowSeconds'] as const) {
      const v = input[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return message(400, `${key} must be a number >= 0`);
      if (key === 'keepAliveMs' && v < 10) return message(400, 'keepAliveMs must be >= 10');
      sandbox.config[key] = v;
    }
    if (input.autopilot !== undefined) {
      if (typeof input.autopilot !== 'boolean') return message(400, 'autopilot must be a boolean');
      sandbox.config.autopilot = input.autopilot;
    }
    return json(200, sandbox.config);
  }
  if (route === 'faults' && method === 'GET') return json(200, sandbox.faults.all().map(faultJson));
  if (route === 'faults' && method === 'POST') {
    const spec = parseFaultSpec(input);
    if (typeof spec === 'string') return message(400, spec);
    const fault = sandbox.faults.add(spec);
    // "Drop now" also closes the matching streams already open.
    let dropped = 0;
    if (fault.kind === 'drop-stream' && fault.timing !== 'after-frame' && (fault.endpoint ?? 'subscribe') === 'subscribe') dropped = sandbox.hub.dropOpen(fault);
    return json(200, {...faultJson(fault), dropped});
  }
  if (route === 'faults' && method === 'DELETE') {
    sandbox.faults.clear();
    return json(200, {ok: true});
  }
  if (parts[0] === 'faults' && parts.length === 2 && method === 'DELETE') {
    return sandbox.faults.remove(Number(parts[1])) ? json(200, {ok: true}) : message(404, 'no such fault');
  }
  if (route === 'magic' && method === 'GET') {
    return json(200, {
      emailTokens: [...VALIDATION_PROBLEM_CODES.map((c) => c.toLowerCase()), 'suspended_coin', 'suspended_network', AS_PROBLEM_TOKEN.toLowerCase()],
      example: 'out_of_stock+kyc_missing@sandbox.test',
      promoCode: VALID_PROMO_CODE,
      faultKinds: FAULT_KINDS,
      actions: ACTIONS,
      countries: {curated: Object.keys(CURATED), generated: Object.fromEntries(Object.entries(GENERATED_COUNTRIES).map(([cc, g]) => [cc, g.size]))},
    });
  }
  return message(404, 'no such control');
}

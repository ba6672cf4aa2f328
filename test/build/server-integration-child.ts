// Runs the Next.js route or the edge worker in a process of its own, with the environment the test started it with,
// and prints each answer as one JSON line. Each example builds its proxy once, from the first environment it sees
// (module state, as in production), so a test of another environment needs a fresh module, hence a fresh process.
// Usage: node --import tsx server-integration-child.ts <next|edge> '<JSON list of {method, url, headers?, body?}>'
export interface ChildRequest {
  method: 'GET' | 'POST' | 'OPTIONS';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface ChildAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const [, , target, list] = process.argv;
const requests = JSON.parse(list ?? '[]') as ChildRequest[];

async function answer(request: Request): Promise<Response> {
  if (target === 'edge') {
    const {default: worker} = await import('../../demo/integrations/edge/worker.js');
    return worker.fetch(request, {...process.env, CR_PARTNER_ID: process.env['CR_PARTNER_ID'] ?? ''});
  }
  const route = await import('../../demo/integrations/nextjs/app/api/cr/[...path]/route.js');
  return route[request.method as ChildRequest['method']](request);
}

for (const r of requests) {
  let out: ChildAnswer;
  try {
    const response = await answer(new Request(r.url, {method: r.method, headers: r.headers ?? {}, ...(r.body !== undefined ? {body: r.body} : {})}));
    out = {status: response.status, headers: Object.fromEntries(response.headers), body: await response.text()};
  } catch (error) {
    // What Next.js makes of a route that throws: a bare 500.
    out = {status: 500, headers: {}, body: `thrown: ${error instanceof Error ? error.message : String(error)}`};
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

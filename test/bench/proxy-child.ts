// The reference proxy alone in a child process, so the bench can read its memory apart from everything else.
// Started by test/bench/proxy-bench.ts with the upstream URL in argv; answers `memory` messages with its RSS.
import {startProxy} from '../../src/proxy/server.js';

const apiUrl = process.argv[2];
if (!apiUrl) throw new Error('usage: proxy-child.ts <upstream url>');
// No keep-alive comments during the run: frames counted are the relayed ones only.
const proxy = await startProxy({apiUrl, partnerId: 'bench-partner', appVersion: 'bench', allowedOrigins: [], keepAliveMs: 0}, {port: 0, host: '127.0.0.1'});
process.send?.({type: 'ready', url: proxy.url});
process.on('message', (message: {type: string}) => {
  if (message.type === 'memory') {
    const usage = process.memoryUsage();
    process.send?.({type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed});
  } else if (message.type === 'close') {
    void proxy.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));

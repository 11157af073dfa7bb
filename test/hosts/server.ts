/**
 * The host pages' backend for test/e2e/hosts.spec.ts: the real demo backend (createDemoApp, fresh
 * PGlite in .cache) with the host pages in front of it at /hosts/: the pages in test/hosts/pages,
 * then any page built into .cache/hosts (meant for vite-built React and Vue pages). Same origin as the
 * session and submit endpoints, with the demo's strict CSP, as a real host would serve them.
 * Environment: PORT.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDemoApp } from '../../demo/server/app.js';
import { applySecurityHeaders } from '../../demo/server/security-headers.js';
import { StaticFiles } from '../../demo/server/static.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = fileURLToPath(new URL('./pages', import.meta.url));
const BUILT = `${root}.cache/hosts`;
const port = Number(process.env['PORT'] ?? 8844);
const dataDir = `${root}.cache/e2e-hosts`;
rmSync(dataDir, { recursive: true, force: true });
rmSync(`${dataDir}-secrets`, { recursive: true, force: true });

const app = await createDemoApp({ dataDir, operatorKey: 'e2e-operator-key', liveness: { actions: ['turn-left', 'turn-right', 'look-up'] }, log: () => {} });
const files = new StaticFiles();
const demo = app.server.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void;
app.server.removeAllListeners('request');
app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const host = path.match(/^\/hosts\/(.+)$/);
  if (!host) return demo(req, res);
  applySecurityHeaders(res);
  // Built framework pages first (react/, vue/), then the hand-written ones.
  void (async () => {
    if ((await files.serve(req, res, BUILT, host[1]!)) || (await files.serve(req, res, PAGES, host[1]!))) return;
    res.writeHead(404).end(`${path} does not exist`);
  })().catch(() => res.destroy());
});
app.server.listen(port, '127.0.0.1', () => console.log(`host pages on http://127.0.0.1:${port}/hosts/`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void app.close().then(() => process.exit(0)));

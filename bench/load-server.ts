/**
 * The demo backend bench/load.ts puts under load, in a child process of its own so that its memory
 * and CPU are the server's alone, not the load generator's. It serves the unchanged demo app
 * (createDemoApp) on 127.0.0.1, port chosen by the OS, with a fresh PGlite folder, and answers the
 * parent over IPC:
 *
 *   → { port }                     once listening
 *   ← 'usage'  → { usage }         memory after a full GC (what is retained, not garbage) and CPU time
 *   ← 'close'                      closes the app (waits for verifications in flight) and exits
 *
 * Started by bench/load.ts as `node --expose-gc --import tsx bench/load-server.ts <dataDir>`.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createDemoApp } from '../demo/server/app.js';

export interface ServerUsage {
  rss: number;
  heapUsed: number;
  /** User + system CPU time of this process so far, in ms. */
  cpuMs: number;
}

export type ServerMessage = { port: number } | { usage: ServerUsage };

const dir = process.argv[2];
if (!dir || !process.send) throw new Error('bench/load-server.ts is started by bench/load.ts (an IPC child with a data folder)');
const send = (message: ServerMessage) => process.send!(message);

const app = await createDemoApp({
  dataDir: join(dir, 'data'),
  keyFile: join(dir, 'secrets', 'keys.json'),
  // Start-up and retention lines would interleave with the report; failures still go to stderr.
  log: (line) => (/failed/.test(line) ? console.error(line) : undefined),
});
await new Promise<void>((listening) => app.server.listen(0, '127.0.0.1', listening));

function usage(): ServerUsage {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { rss, heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.on('message', (message) => {
  if (message === 'usage') send({ usage: usage() });
  if (message === 'close') void app.close().then(() => process.exit(0));
});
// The parent died without saying close: do not outlive it.
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
send({ port: (app.server.address() as AddressInfo).port });

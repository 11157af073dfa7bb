/**
 * The demo in embedding mode for a test file: a real app (real PGlite in a temp folder) on
 * 127.0.0.1 whose face-verify clock is the server suites' `clock`, started before the file's tests
 * and removed after them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { createDemoApp, type DemoApp } from '../../../demo/server/app.js';
import { clock } from '../server/helpers.js';

export const OPERATOR_KEY = 'test-operator-key';

export interface EmbeddingDemo {
  app: DemoApp;
  /** `http://127.0.0.1:<port>`. */
  base: string;
  /** The temp folder holding the data and key folders. */
  tmp: string;
}

/** Registers the before/after hooks; the fields are set once `before` ran. */
export function useEmbeddingDemo(prefix: string): EmbeddingDemo {
  const fx = {} as EmbeddingDemo;
  before(async () => {
    fx.tmp = await mkdtemp(join(tmpdir(), prefix));
    fx.app = await createDemoApp({ dataDir: join(fx.tmp, 'data'), keyFile: join(fx.tmp, 'secrets', 'keys.json'), operatorKey: OPERATOR_KEY, mode: 'embedding', now: () => clock.ms, log: () => {} });
    await new Promise<void>((r) => fx.app.server.listen(0, '127.0.0.1', r));
    fx.base = `http://127.0.0.1:${(fx.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await fx.app.close();
    await rm(fx.tmp, { recursive: true, force: true });
  });
  return fx;
}

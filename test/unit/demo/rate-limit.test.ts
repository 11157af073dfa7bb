/**
 * The demo's face-verify endpoints under face-verify's default rate limits, over real HTTP from one
 * address: the 429 carries Retry-After and the typed body, and nothing is stored. On PostgreSQL
 * when FACE_VERIFY_TEST_DATABASE_URL is set (test-database.ts), else on the demo's own PGlite.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDemoApp, type DemoApp } from '../../../demo/server/app.js';
import { clientKeyOf } from '../../../demo/server/client-key.js';
import { openTestDatabase, type TestDatabase } from '../server/test-database.js';

let tmp: string;
let app: DemoApp;
let testDb: TestDatabase;
let base: string;
let clock = Date.parse('2026-11-02T09:00:00Z');

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'fv-demo-limits-'));
  testDb = await openTestDatabase();
  app = await createDemoApp({
    dataDir: join(tmp, 'data'), keyFile: join(tmp, 'secrets', 'keys.json'), now: () => clock, log: () => {},
    ...(testDb.url ? { databaseUrl: testDb.url } : {}),
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

after(async () => {
  await app.close();
  await testDb.close();
  await rm(tmp, { recursive: true, force: true });
});

async function submissionRows(): Promise<number> {
  return (await app.database.query<{ n: number }>('SELECT count(*)::int AS n FROM face_verify_submissions')).rows[0]!.n;
}

function garbageUpload(): Promise<Response> {
  const form = new FormData();
  form.append('attestation', 'not.a.jwt');
  form.append('sealed', new Blob([new Uint8Array(64)]), 'sealed');
  return fetch(`${base}/api/face-verify/submit`, { method: 'POST', body: form });
}

describe('demo rate limits', () => {
  test('the 61st page-load session in a minute from one address is a 429 rate-limited with Retry-After', async () => {
    const start = clock;
    for (let i = 0; i < 60; i++) {
      const ok = await fetch(`${base}/api/face-verify/session`, { method: 'POST' });
      assert.equal(ok.status, 200, `session ${i + 1}`);
      await ok.arrayBuffer();
      clock += 250;
    }
    const refused = await fetch(`${base}/api/face-verify/session`, { method: 'POST' });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), String(Math.ceil((start + 60_000 - clock) / 1000)));
    assert.equal(refused.headers.get('set-cookie'), null, 'no session cookie for a refused session');
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate-limited');
    clock = start + 60_000;
    assert.equal((await fetch(`${base}/api/face-verify/session`, { method: 'POST' })).status, 200, 'allowed again after the window');
  });

  test('the 11th refused upload in 3 minutes from one address is a 429 with Retry-After, and stores nothing', async () => {
    const start = clock;
    for (let i = 0; i < 10; i++) {
      const refused = await garbageUpload();
      assert.equal(refused.status, 400, `upload ${i + 1} is refused for itself`);
      await refused.arrayBuffer();
      clock += 1000;
    }
    const limited = await garbageUpload();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), String(Math.ceil((start + 180_000 - clock) / 1000)));
    assert.equal(limited.headers.get('connection'), 'close');
    assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'rate-limited');
    assert.equal(await submissionRows(), 0);
  });
});

describe('clientKeyOf', () => {
  test('an IPv4 peer is its address, an IPv4-mapped one its IPv4, an IPv6 one its /64', () => {
    assert.equal(clientKeyOf('203.0.113.9'), '203.0.113.9');
    assert.equal(clientKeyOf('::ffff:203.0.113.9'), '203.0.113.9');
    assert.equal(clientKeyOf('2001:db8:aa:bb:1:2:3:4'), '2001:db8:aa:bb::/64');
    assert.equal(clientKeyOf('2001:0db8:00aa:00bb::1'), '2001:db8:aa:bb::/64', 'leading zeros and :: give the same key');
    assert.equal(clientKeyOf('2001:db8::1%eth0'), '2001:db8:0:0::/64');
    assert.equal(clientKeyOf('::1'), '0:0:0:0::/64');
    assert.equal(clientKeyOf(undefined), undefined);
  });
});

/**
 * receiveSubmission behind a real node:http server, fed by fetch + FormData as a browser sends it:
 * the streaming path a host uses, and the sizes the format promises.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { SqlDatabase } from '../../../src/server/database.js';
import { openTestDatabase } from './test-database.js';
import { errorToResponse } from '../../../src/server/http.js';
import type { FaceVerifyServer } from '../../../src/server/server.js';
import { counts, honestSamples, honestSubmission, newKeys, openServer, type Submission } from './helpers.js';

let db: SqlDatabase;
let server: FaceVerifyServer;
let http: Server;
let url: string;

before(async () => {
  db = await openTestDatabase();
  server = await openServer(db, await newKeys());
  http = createServer((req, res) => {
    server.receiveSubmission(req).then(
      ({ receipt, replayed }) => res.writeHead(200, { 'content-type': 'application/json', 'x-replayed': String(replayed) }).end(JSON.stringify(receipt)),
      (error: unknown) => {
        const { status, body } = errorToResponse(error);
        res.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(body));
      },
    );
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/submit`;
});

after(async () => {
  await new Promise<void>((r) => http.close(() => r()));
  await server.close();
  await db.close();
});

function post(sub: Submission, attestation = sub.attestation): Promise<Response> {
  const form = new FormData();
  form.append('attestation', attestation);
  form.append('sealed', new Blob([sub.sealed as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'sealed');
  return fetch(url, { method: 'POST', body: form, headers: { 'idempotency-key': sub.idempotencyKey } });
}

describe('receiveSubmission over HTTP', () => {
  test('accepts a multipart upload as fetch and FormData send it, and answers an identical retry with the same receipt', async () => {
    const sub = await honestSubmission(server);
    const first = await post(sub);
    assert.equal(first.status, 200);
    const receipt = (await first.json()) as { receiptId: string; sessionId: string };
    assert.equal(receipt.sessionId, sub.session.sessionId);
    const again = await post(sub);
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('x-replayed'), 'true');
    assert.deepEqual(await again.json(), receipt);
    assert.equal((await counts(db)).submissions, 1);
  });

  test('a tampered attestation is refused with its code and stores nothing', async () => {
    const sub = await honestSubmission(server);
    const [h, p, s] = sub.attestation.split('.') as [string, string, string];
    const response = await post(sub, `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`);
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'signature-invalid');
  });

  test('a body that is not multipart is 415 and a GET is 405', async () => {
    const json = await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(json.status, 415);
    const get = await fetch(url);
    assert.equal(get.status, 405);
  });
});

describe('sizes the format promises', () => {
  test('the attestation stays under 4 KB at 150 and 600 frames, and does not grow with the trace', async () => {
    const short = await honestSubmission(server, { samples: honestSamples(150, 33) });
    const long = await honestSubmission(server, { samples: honestSamples(600, 8), mutate: (c) => (c.capture.frames = 600) });
    assert.ok(short.attestation.length < 4096, `${short.attestation.length} characters at 150 frames`);
    assert.ok(long.attestation.length < 4096, `${long.attestation.length} characters at 600 frames`);
    // Each challenge carries its own random script (2 or 3 actions), so compare without it.
    const own = (sub: Submission): number => sub.attestation.length - sub.token.length * (4 / 3);
    assert.ok(Math.abs(own(long) - own(short)) < 16, 'the trace travels sealed, not in the attestation');
    console.log(`attestation: ${short.attestation.length} chars at 150 frames, ${long.attestation.length} at 600`);
  });
});

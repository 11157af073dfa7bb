/**
 * What the project seals and signs, another implementation opens and verifies from README alone
 * (test/interop/independent-verifier.ts: @hpke/core, jose, cbor2, no project code). The e2e suite
 * runs the same verifier on a real widget upload from the browser.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { publicJwkFromPrivate } from '../../../src/crypto/operator-key.js';
import type { SqlDatabase } from '../../../src/server/database.js';
import { openTestDatabase } from './test-database.js';
import type { FaceVerifyServer } from '../../../src/server/server.js';
import { verifyIndependently } from '../../interop/independent-verifier.js';
import { honestSubmission, manifest, newKeys, openServer, parts, type ServerKeys } from './helpers.js';
import { encodeTemplate, TEMPLATE_MEDIA_TYPE } from '../../../src/shared/face-template.js';
import type { Evidence } from '../../../src/shared/evidence.js';

let db: SqlDatabase;
let keys: ServerKeys;
let server: FaceVerifyServer;

before(async () => {
  db = await openTestDatabase();
  keys = await newKeys();
  server = await openServer(db, keys);
});
after(async () => {
  await server.close();
  await db.close();
});

test('an upload verifies and opens with independent libraries, and tampering with it does not', async () => {
  const sub = await honestSubmission(server);
  const form = new FormData();
  form.append('attestation', sub.attestation);
  form.append('sealed', new Blob([sub.sealed as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'sealed');
  const request = new Request('http://host.test/submit', { method: 'POST', body: form, headers: { 'idempotency-key': sub.idempotencyKey } });
  const headers = Object.fromEntries(request.headers);
  const body = new Uint8Array(await request.arrayBuffer());
  const { kid: _kid, d: _d, ...serverPublic } = keys.signingKey;
  const operator = { ...keys.operatorKeys[0]!, ...publicJwkFromPrivate(keys.operatorKeys[0]!) };

  const result = await verifyIndependently(body, headers, serverPublic, operator);
  assert.deepEqual(result.payload, sub.payload);
  assert.equal(result.evidence['trace'].rows.length, sub.claims.capture.frames);

  const tampered = body.slice();
  tampered[tampered.length - 100]! ^= 1; // inside the sealed part
  await assert.rejects(verifyIndependently(tampered, headers, serverPublic, operator), /sealed: hash/);
  await assert.rejects(verifyIndependently(body, { ...headers, 'idempotency-key': 'other' }, serverPublic, operator), /idempotency/);
});

test('an embedding-mode upload verifies, opens and passes the Template rules with independent code; a NaN or a bad frame does not', async () => {
  const embeddingDb = await openTestDatabase();
  const embeddingServer = await openServer(embeddingDb, keys, { manifest: { ...manifest, mode: 'embedding' } });
  try {
    const v = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i + 1));
    const unit = v.map((x) => x / Math.hypot(...v));
    const leadFrames = (e: Evidence) => (e.trace.rows.slice(1, 5).map((r) => r[0]) as number[]);
    const build = (template: Float32Array, frames: (e: Evidence) => number[]) => honestSubmission(embeddingServer, {
      payload: encodeTemplate(template), payloadType: TEMPLATE_MEDIA_TYPE, evidence: (e) => ({ ...e, template: { frames: frames(e) } }),
    });
    const upload = async (sub: Awaited<ReturnType<typeof build>>) => {
      const form = new FormData();
      form.append('attestation', sub.attestation);
      form.append('sealed', new Blob([sub.sealed as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'sealed');
      const request = new Request('http://host.test/submit', { method: 'POST', body: form, headers: { 'idempotency-key': sub.idempotencyKey } });
      return { headers: Object.fromEntries(request.headers), body: new Uint8Array(await request.arrayBuffer()) };
    };
    const { kid: _kid, d: _d, ...serverPublic } = keys.signingKey;
    const operator = { ...keys.operatorKeys[0]!, ...publicJwkFromPrivate(keys.operatorKeys[0]!) };

    const good = await build(unit, leadFrames);
    const sent = await upload(good);
    const result = await verifyIndependently(sent.body, sent.headers, serverPublic, operator);
    assert.deepEqual(result.payload, encodeTemplate(unit));
    assert.equal((await embeddingServer.verifySubmission(parts(good))).template!.length, 128);

    const nan = unit.slice();
    nan[3] = Number.NaN;
    const withNaN = await build(nan, leadFrames);
    const nanBytes = new Uint8Array(512);
    nan.forEach((x, i) => new DataView(nanBytes.buffer).setFloat32(4 * i, x, true));
    assert.deepEqual(withNaN.payload, nanBytes, 'the fixture really sealed a NaN');
    const nanSent = await upload(withNaN);
    await assert.rejects(verifyIndependently(nanSent.body, nanSent.headers, serverPublic, operator), /not finite/);
    await assert.rejects(embeddingServer.verifySubmission(parts(withNaN)), (e: Error & { code?: string }) => e.code === 'payload-invalid');

    const badFrame = await build(unit, (e) => [...leadFrames(e).slice(0, 3), 123_456]);
    const badSent = await upload(badFrame);
    await assert.rejects(verifyIndependently(badSent.body, badSent.headers, serverPublic, operator), /no trace row/);
    await assert.rejects(embeddingServer.verifySubmission(parts(badFrame)), (e: Error & { code?: string }) => e.code === 'evidence-invalid');
  } finally {
    await embeddingServer.close();
    await embeddingDb.close();
  }
});

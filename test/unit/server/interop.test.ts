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
import { honestSubmission, newKeys, openServer, type ServerKeys } from './helpers.js';

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

/**
 * Regression (found by the fuzz suite): jose decodes base64url leniently, so a token whose last
 * signature character had its unused bits changed still verified — a second spelling of the same
 * attestation was accepted, and a respelled session token yielded a challenge.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCanonicalBase64Url } from '../../../src/shared/bytes.js';
import { honestSubmission, parts, rejects, useServer } from './helpers.js';

const fx = useServer({ rateLimits: false });

/** `token` with the unused low bits of its signature's last character set: the same bytes, respelled. */
function respelled(token: string): string {
  const last = token.at(-1)!;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  // An 86-character signature's last character carries 2 unused bits.
  const other = alphabet[alphabet.indexOf(last) ^ 1]!;
  return token.slice(0, -1) + other;
}

test('isCanonicalBase64Url accepts what toBase64Url writes and refuses padding and set unused bits', () => {
  assert.ok(isCanonicalBase64Url('AAE'));
  assert.ok(!isCanonicalBase64Url('AAF'));
  assert.ok(!isCanonicalBase64Url('AAE='));
  assert.ok(!isCanonicalBase64Url('A'));
});

test('an attestation whose signature is respelled with unused bits set is token-malformed and stores nothing', async () => {
  const sub = await honestSubmission(fx.server);
  await rejects(fx.db, () => fx.server.verifySubmission({ ...parts(sub), attestation: respelled(sub.attestation) }), 'token-malformed');
});

test('a respelled session token is session-invalid, never a challenge', async () => {
  const sub = await honestSubmission(fx.server);
  await assert.rejects(fx.server.createChallenge({ session: respelled(sub.session.session), jkt: sub.key.thumbprint }), { code: 'session-invalid' });
});

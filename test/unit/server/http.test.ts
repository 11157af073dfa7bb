/** The HTTP helpers, erasure links, payload sniffing and the digest, without a database. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { sha256Base64Url } from '../../../src/crypto/digest.js';
import { FaceVerifyError, SERVER_ERROR_CODES } from '../../../src/shared/errors.js';
import { ATTESTATION_HEADER, SEALED_MEDIA_TYPE } from '../../../src/shared/wire.js';
import { checkPayload, videoContainer } from '../../../src/server/checks.js';
import { sha256Base64UrlNode } from '../../../src/server/digest.js';
import { erasureToken, erasureTokenMatches, erasureUrl } from '../../../src/server/erasure.js';
import { errorToResponse, HTTP_STATUS, readBody, readSubmission } from '../../../src/server/http.js';
import { buildTrace } from '../../../src/shared/trace.js';

describe('readSubmission', () => {
  const body = new Uint8Array([1, 2, 3]);

  test('reads node:http headers and fetch Headers alike', () => {
    const node = readSubmission({ [ATTESTATION_HEADER]: 'a.b.c', 'content-type': SEALED_MEDIA_TYPE }, body);
    assert.deepEqual(node, { attestation: 'a.b.c', sealed: body });
    const fetchHeaders = new Headers({ 'Face-Verify-Attestation': 'a.b.c', 'Content-Type': `${SEALED_MEDIA_TYPE}; v=1` });
    assert.deepEqual(readSubmission(fetchHeaders, body), { attestation: 'a.b.c', sealed: body });
    assert.equal(readSubmission({ 'Face-Verify-Attestation': 'x.y.z', 'Content-Type': SEALED_MEDIA_TYPE }, body).attestation, 'x.y.z');
  });

  test('a missing or repeated attestation header is token-malformed', () => {
    for (const headers of [{ 'content-type': SEALED_MEDIA_TYPE }, { [ATTESTATION_HEADER]: ['a.b.c', 'd.e.f'], 'content-type': SEALED_MEDIA_TYPE }, { [ATTESTATION_HEADER]: ' ', 'content-type': SEALED_MEDIA_TYPE }]) {
      assert.throws(() => readSubmission(headers, body), { code: 'token-malformed' });
    }
  });

  test('another content type, or a parsed body, is invalid-argument', () => {
    assert.throws(() => readSubmission({ [ATTESTATION_HEADER]: 'a.b.c', 'content-type': 'application/json' }, body), { code: 'invalid-argument', message: /content-type/ });
    assert.throws(() => readSubmission({ [ATTESTATION_HEADER]: 'a.b.c' }, body), { code: 'invalid-argument' });
    assert.throws(() => readSubmission({ [ATTESTATION_HEADER]: 'a.b.c', 'content-type': SEALED_MEDIA_TYPE }, { parsed: true } as unknown as Uint8Array), { code: 'invalid-argument' });
  });
});

describe('readBody', () => {
  async function* chunks(...sizes: number[]): AsyncGenerator<Uint8Array> {
    for (const size of sizes) yield new Uint8Array(size).fill(size % 251);
  }

  test('concatenates chunks', async () => {
    const out = await readBody(chunks(3, 5), 100);
    assert.equal(out.length, 8);
    assert.deepEqual([...out], [3, 3, 3, 5, 5, 5, 5, 5]);
  });

  test('stops at the cap with blob-too-large', async () => {
    await assert.rejects(readBody(chunks(60, 60, 60), 100), { code: 'blob-too-large' });
  });
});

describe('errorToResponse', () => {
  test('maps every server code to one of the documented statuses', () => {
    const allowed = new Set([400, 401, 409, 410, 413, 422, 500]);
    for (const code of SERVER_ERROR_CODES) {
      const { status, body } = errorToResponse(new FaceVerifyError(code, `message for ${code}`));
      assert.ok(allowed.has(status), `${code} → ${status}`);
      assert.equal(status, HTTP_STATUS[code]);
      assert.deepEqual(body, { error: { code, message: `message for ${code}` } });
    }
    assert.equal(HTTP_STATUS['nonce-replayed'], 409);
    assert.equal(HTTP_STATUS['blob-too-large'], 413);
    assert.equal(HTTP_STATUS['challenge-expired'], 410);
    assert.equal(HTTP_STATUS['signature-invalid'], 401);
    assert.equal(HTTP_STATUS['payload-invalid'], 422);
  });

  test('never leaks the message of an unknown error', () => {
    for (const error of [new Error('connection to 10.0.0.5:5432 failed: password authentication'), 'a string', undefined, new FaceVerifyError('camera-denied', 'widget code')]) {
      const { status, body } = errorToResponse(error);
      assert.equal(status, 500);
      assert.equal(body.error.code, 'internal-error');
      assert.doesNotMatch(body.error.message, /10\.0\.0\.5|password|widget code/);
    }
  });
});

describe('erasure links', () => {
  const secret = new Uint8Array(randomBytes(32));

  test('tokens are deterministic per receipt and checked exactly', () => {
    const token = erasureToken(secret, 'r1');
    assert.equal(erasureToken(secret, 'r1'), token);
    assert.notEqual(erasureToken(secret, 'r2'), token);
    assert.ok(erasureTokenMatches(secret, 'r1', token));
    assert.ok(!erasureTokenMatches(secret, 'r2', token));
    assert.ok(!erasureTokenMatches(new Uint8Array(32), 'r1', token));
    assert.ok(!erasureTokenMatches(secret, 'r1', `${token}A`));
    assert.ok(!erasureTokenMatches(secret, 'r1', 42));
  });

  test('the link keeps the configured URL as given, query and fragment included', () => {
    assert.equal(erasureUrl('/erase', 'r1', 't'), '/erase?receipt=r1&token=t');
    assert.equal(erasureUrl('https://a.example/erase?lang=de', 'r1', 't'), 'https://a.example/erase?lang=de&receipt=r1&token=t');
    assert.equal(erasureUrl('/erase#form', 'r1', 't'), '/erase?receipt=r1&token=t#form');
  });
});

describe('payload checks', () => {
  const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4]);
  const mp4 = new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]);

  test('videoContainer sniffs WebM and MP4 and nothing else', () => {
    assert.equal(videoContainer(webm), 'webm');
    assert.equal(videoContainer(mp4), 'mp4');
    assert.equal(videoContainer(new Uint8Array([0x1a, 0x45, 0xdf])), undefined);
    assert.equal(videoContainer(new TextEncoder().encode('RIFF....WEBP')), undefined);
  });

  test('embedding mode skips the container check but not the hash', () => {
    const bytes = new Uint8Array([9, 9, 9]);
    const capture = { startedAt: 0, durationMs: 0, mimeType: 'application/octet-stream', payloadBytes: 3, payloadSha256: sha256Base64Url(bytes), width: 0, height: 0, trace: buildTrace([]) };
    assert.doesNotThrow(() => checkPayload('embedding', capture, bytes, sha256Base64Url(bytes)));
    assert.throws(() => checkPayload('embedding', { ...capture, payloadBytes: 4 }, bytes, sha256Base64Url(bytes)), { code: 'payload-invalid' });
    assert.throws(() => checkPayload('clip', capture, bytes, sha256Base64Url(bytes)), { code: 'payload-invalid' });
  });
});

test('the Node digest equals the crypto module\'s sha256Base64Url', () => {
  for (const size of [0, 1, 55, 64, 1000, 100_000]) {
    const bytes = new Uint8Array(randomBytes(size));
    assert.equal(sha256Base64UrlNode(bytes), sha256Base64Url(bytes));
  }
});

/** The HTTP helpers, erasure links, payload sniffing and the digest, without a database. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { sha256Base64Url } from '../../../src/crypto/digest.js';
import { FaceVerifyError, SERVER_ERROR_CODES } from '../../../src/shared/errors.js';
import { checkPayloadContent, videoContainer } from '../../../src/server/checks.js';
import { sha256Base64UrlNode } from '../../../src/server/digest.js';
import { erasureToken, erasureTokenMatches, erasureUrl } from '../../../src/server/erasure.js';
import { erasureLinkParts } from '../../../src/shared/erasure-link.js';
import { errorToResponse, HTTP_STATUS, readJsonBody, readSubmission, type RequestLike } from '../../../src/server/http.js';

/** A multipart upload as a fetch Request, parts in the given order (the widget's order by default). */
function upload(parts: [name: string, value: string | Blob][] = [['attestation', 'a.b.c'], ['sealed', new Blob([new Uint8Array([1, 2, 3])])]], init: RequestInit = {}): Request {
  const form = new FormData();
  for (const [name, value] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, 'sealed');
  }
  return new Request('http://host.test/submit', { method: 'POST', body: form, ...init });
}

/** A request whose body records how far it was read. */
function meteredRequest(request: Request, chunkBytes: number): { request: RequestLike; pulled: () => number; total: () => number } {
  let pulled = 0;
  let total = 0;
  const all = request.arrayBuffer();
  async function* body(): AsyncGenerator<Uint8Array> {
    const bytes = new Uint8Array(await all);
    total = Math.ceil(bytes.length / chunkBytes);
    for (let i = 0; i < bytes.length; i += chunkBytes) {
      pulled++;
      yield bytes.subarray(i, i + chunkBytes);
    }
  }
  return { request: { method: 'POST', headers: request.headers, body: body() }, pulled: () => pulled, total: () => total };
}

describe('readSubmission', () => {
  test('reads the attestation and sealed parts of a multipart body built by FormData', async () => {
    const sealed = new Uint8Array(randomBytes(70_000));
    const parts = await readSubmission(upload([['attestation', 'x.y.z'], ['sealed', new Blob([sealed])]], { headers: { 'idempotency-key': 'K'.repeat(22) } }), { maxSealedBytes: 100_000 });
    assert.equal(parts.attestation, 'x.y.z');
    assert.deepEqual(parts.sealed, sealed);
    assert.equal(parts.idempotencyKey, 'K'.repeat(22));
  });

  test('checks the method and content type before reading anything', async () => {
    const untouchable: RequestLike = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: { [Symbol.asyncIterator]: () => assert.fail('the body was read') } as AsyncIterable<Uint8Array>,
    };
    await assert.rejects(readSubmission(untouchable, { maxSealedBytes: 1000 }), { code: 'unsupported-media-type' });
    await assert.rejects(readSubmission({ ...untouchable, method: 'GET' }, { maxSealedBytes: 1000 }), { code: 'method-not-allowed' });
    await assert.rejects(readSubmission({ ...untouchable, method: 'PUT', headers: { 'content-type': 'multipart/form-data; boundary=x' } }, { maxSealedBytes: 1000 }), { code: 'method-not-allowed' });
  });

  test('a declared content-length over the cap is refused before the body is read', async () => {
    const request: RequestLike = {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(10_000_000) },
      body: { [Symbol.asyncIterator]: () => assert.fail('the body was read') } as AsyncIterable<Uint8Array>,
    };
    await assert.rejects(readSubmission(request, { maxSealedBytes: 1_000_000 }), { code: 'request-too-large' });
  });

  test('a sealed part over the cap is blob-too-large', async () => {
    await assert.rejects(readSubmission(upload([['attestation', 'a.b.c'], ['sealed', new Blob([new Uint8Array(5000)])]]), { maxSealedBytes: 4096 }), { code: 'blob-too-large' });
  });

  test('parts missing, extra, renamed or in the wrong order are request-malformed', async () => {
    const blob = new Blob([new Uint8Array(10)]);
    const bad: [string, string | Blob][][] = [
      [['sealed', blob], ['attestation', 'a.b.c']],
      [['attestation', 'a.b.c']],
      [['sealed', blob]],
      [['attestation', 'a.b.c'], ['sealed', blob], ['extra', 'x']],
      [['attestation', 'a.b.c'], ['attestation', 'd.e.f'], ['sealed', blob]],
      [['token', 'a.b.c'], ['sealed', blob]],
    ];
    for (const parts of bad) {
      await assert.rejects(readSubmission(upload(parts), { maxSealedBytes: 4096 }), { code: 'request-malformed' }, JSON.stringify(parts.map((p) => p[0])));
    }
  });

  test('an attestation part over 8 KiB is token-malformed', async () => {
    await assert.rejects(readSubmission(upload([['attestation', 'a'.repeat(9000)], ['sealed', new Blob([new Uint8Array(10)])]]), { maxSealedBytes: 4096 }), { code: 'token-malformed' });
  });

  test('a truncated multipart body is request-malformed', async () => {
    const whole = new Uint8Array(await upload().arrayBuffer());
    const request: RequestLike = { method: 'POST', headers: upload().headers, body: (async function* () { yield whole.subarray(0, whole.length - 20); })() };
    await assert.rejects(readSubmission(request, { maxSealedBytes: 4096 }), { code: 'request-malformed' });
  });

  test('a refused attestation stops the read before the sealed part comes in', async () => {
    const sealed = new Blob([new Uint8Array(200_000)]);
    const metered = meteredRequest(upload([['attestation', 'a.b.c'], ['sealed', sealed]]), 1024);
    let seen = '';
    await assert.rejects(
      readSubmission(metered.request, {
        maxSealedBytes: 300_000,
        onAttestation: async (attestation) => {
          seen = attestation;
          throw new FaceVerifyError('signature-invalid', 'refused');
        },
      }),
      { code: 'signature-invalid' },
    );
    assert.equal(seen, 'a.b.c');
    assert.ok(metered.pulled() <= 2, `read ${metered.pulled()} of ${metered.total()} chunks after refusing the attestation`);
    assert.ok(metered.total() > 150);
  });

  test('an idempotency-key that is not base64url is request-malformed', async () => {
    await assert.rejects(readSubmission(upload(undefined, { headers: { 'idempotency-key': 'has spaces' } }), { maxSealedBytes: 4096 }), { code: 'request-malformed' });
  });
});

describe('readJsonBody', () => {
  const json = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST'): Request =>
    new Request('http://host.test/challenge', { method, body: method === 'GET' ? null : body, headers });

  test('reads a JSON object', async () => {
    assert.deepEqual(await readJsonBody(json('{"session":"s","jkt":"k"}')), { session: 's', jkt: 'k' });
  });

  test('refuses another method, another content type, an oversize body and what is not a JSON object', async () => {
    await assert.rejects(readJsonBody(json('', {}, 'GET')), { code: 'method-not-allowed' });
    await assert.rejects(readJsonBody(json('{}', { 'content-type': 'text/plain' })), { code: 'unsupported-media-type' });
    await assert.rejects(readJsonBody(json(JSON.stringify({ x: 'y'.repeat(20_000) }))), { code: 'request-too-large' });
    for (const body of ['{not json', '[1,2]', 'null', '"text"']) {
      await assert.rejects(readJsonBody(json(body)), { code: 'request-malformed' }, body);
    }
  });
});

describe('errorToResponse', () => {
  test('maps every server code to one of the documented statuses', () => {
    const allowed = new Set([400, 401, 405, 409, 410, 413, 415, 422, 429, 500, 503]);
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
    assert.equal(HTTP_STATUS['rate-limited'], 429);
  });

  test('a rate-limited refusal carries its Retry-After in whole seconds; no other answer has one', () => {
    const limited = errorToResponse(new FaceVerifyError('rate-limited', 'slow down', { retryAfterSeconds: 42 }));
    assert.equal(limited.status, 429);
    assert.deepEqual(limited.headers, { 'retry-after': '42' });
    assert.deepEqual(errorToResponse(new FaceVerifyError('liveness-failed', 'no', { retryAfterSeconds: 42 })).headers, {});
    assert.deepEqual(errorToResponse(new Error('boom')).headers, {});
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

  test('the link keeps the configured URL and its query as given and carries receipt and token only in the fragment', () => {
    assert.equal(erasureUrl('/erase', 'r1', 't'), '/erase#receipt=r1&token=t');
    assert.equal(erasureUrl('https://a.example/erase?lang=de', 'r1', 't'), 'https://a.example/erase?lang=de#receipt=r1&token=t');
    const link = new URL(erasureUrl('https://a.example/erase?lang=de', 'r-1', 'a_b-c'));
    assert.equal(link.search, '?lang=de', 'nothing of the receipt or token in the query a server would log');
    assert.deepEqual(erasureLinkParts(link.href), { receipt: 'r-1', token: 'a_b-c' });
    assert.equal(erasureLinkParts('/erase?receipt=r1&token=t'), null, 'an old query-string link is not read as one');
  });

  test('a base with a fragment of its own is refused, naming the manifest field', () => {
    assert.throws(() => erasureUrl('/erase#form', 'r1', 't'), { code: 'invalid-argument', message: /erasureUrl.*must not have a fragment/ });
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

  test('clip mode takes WebM and MP4 of the type claimed; embedding mode takes only a template of its own type', () => {
    assert.doesNotThrow(() => checkPayloadContent('clip', 'video/webm;codecs=vp8', webm));
    assert.doesNotThrow(() => checkPayloadContent('clip', 'video/mp4', mp4));
    assert.throws(() => checkPayloadContent('clip', 'video/mp4', webm), { code: 'payload-invalid' });
    assert.throws(() => checkPayloadContent('embedding', 'application/octet-stream', webm), { code: 'payload-invalid' });
    assert.throws(() => checkPayloadContent('embedding', 'application/vnd.face-verify.template-v1', webm), { code: 'payload-invalid' });
    assert.throws(() => checkPayloadContent('clip', 'application/vnd.face-verify.template-v1', webm), { code: 'payload-invalid' });
  });
});

test('the Node digest equals the crypto module\'s sha256Base64Url', () => {
  for (const size of [0, 1, 55, 64, 1000, 100_000]) {
    const bytes = new Uint8Array(randomBytes(size));
    assert.equal(sha256Base64UrlNode(bytes), sha256Base64Url(bytes));
  }
});

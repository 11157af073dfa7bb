import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isFaceVerifyError } from '../../../src/shared/errors.js';
import { loadVerifiedModel } from '../../../src/shared/verified-model.js';

const URL_ = 'https://shop.example/fv-assets/models/face_landmarker.task';
const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const sha256 = createHash('sha256').update(bytes).digest('hex');
/** What the landmarker worker passes: the file's description and how to fix a missing one. */
const about = { what: 'the face model', name: 'face_landmarker.task (float16, v1)', fixHint: 'Set `assets-base` to the folder with models/, or run `npm run model` and rebuild.' };

const respond = (body: BodyInit | null, init?: ResponseInit): typeof fetch => async () => new Response(body, init);

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isFaceVerifyError(error), `expected a FaceVerifyError, got ${String(error)}`);
    return { code: error.code, message: error.message };
  }
  assert.fail('expected a rejection');
}

test('returns the bytes when the hash matches (upper-case pin accepted)', async () => {
  const result = await loadVerifiedModel({ url: URL_, sha256: sha256.toUpperCase() }, respond(bytes));
  assert.deepEqual([...result.bytes], [...bytes]);
  assert.ok(result.fetchMs >= 0 && result.verifyMs >= 0);
});

test('a wrong hash is model-integrity and names both hashes', async () => {
  const tampered = bytes.slice();
  tampered[3] ^= 0xff;
  const { code, message } = await codeOf(loadVerifiedModel({ url: URL_, sha256, ...about }, respond(tampered)));
  assert.equal(code, 'model-integrity');
  assert.match(message, new RegExp(sha256));
  assert.match(message, /^The face model at .* face_landmarker\.task \(float16, v1\) must have/);
  assert.match(message, /npm run model/);
});

test('HTTP 404 is model-missing; the message names the URL and the fixes', async () => {
  const { code, message } = await codeOf(loadVerifiedModel({ url: URL_, sha256, ...about }, respond('nope', { status: 404 })));
  assert.equal(code, 'model-missing');
  assert.ok(message.includes(URL_), message);
  assert.match(message, /HTTP 404/);
  assert.match(message, /assets-base/);
  assert.match(message, /npm run model/);
});

test('a network error is model-missing', async () => {
  const failing: typeof fetch = async () => {
    throw new TypeError('Failed to fetch');
  };
  const { code, message } = await codeOf(loadVerifiedModel({ url: URL_, sha256, ...about }, failing));
  assert.equal(code, 'model-missing');
  assert.match(message, /Failed to fetch/);
});

test('an HTML fallback page with status 200 is model-missing, not model-integrity', async () => {
  const html = respond('<!doctype html><html></html>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
  assert.equal((await codeOf(loadVerifiedModel({ url: URL_, sha256, ...about }, html))).code, 'model-missing');
  const sniffed = respond('  <!DOCTYPE html><html></html>', { headers: { 'content-type': 'application/octet-stream' } });
  assert.equal((await codeOf(loadVerifiedModel({ url: URL_, sha256, ...about }, sniffed))).code, 'model-missing');
});

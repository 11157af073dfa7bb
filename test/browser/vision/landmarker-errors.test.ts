/**
 * Failure paths of FaceLandmarkerClient: every one must reject with a typed, actionable error
 * instead of hanging. The /fv-test-assets/<case>/ variants come from web-test-runner.config.mjs.
 */
import { FaceLandmarkerClient } from '../../../src/vision/landmarker-client.js';
import { FACE_LANDMARKER_MODEL } from '../../../src/shared/version.js';
import { assert, assertEqual, assertRejectsWithCode } from '../helpers/assert.js';
import { afterEach, describe, it } from '../helpers/mocha.js';
import { createClient, releaseAll } from '../helpers/session.js';

/** A small grey frame; enough to run the landmarker without a camera. */
function blankBitmap(): ImageBitmap {
  const canvas = new OffscreenCanvas(160, 120);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = 'rgb(120,120,120)';
  ctx.fillRect(0, 0, 160, 120);
  return canvas.transferToImageBitmap();
}

describe('FaceLandmarkerClient failures', () => {
  afterEach(releaseAll);

  it("a model with the wrong SHA-256 is refused with 'model-integrity'", async () => {
    const error = await assertRejectsWithCode(
      FaceLandmarkerClient.create({ assetsBase: '/fv-test-assets/corrupt-model/' }),
      'model-integrity',
      'corrupted model',
    );
    assert(error.message.includes(FACE_LANDMARKER_MODEL.sha256), `message names the expected hash: ${error.message}`);
    assert(error.message.includes('/fv-test-assets/corrupt-model/models/face_landmarker.task'), `message names the URL: ${error.message}`);
  });

  it("a missing model is 'model-missing', naming the URL and both fixes", async () => {
    const error = await assertRejectsWithCode(
      FaceLandmarkerClient.create({ assetsBase: '/fv-test-assets/no-model/' }),
      'model-missing',
      'missing model',
    );
    assert(error.message.includes(`${location.origin}/fv-test-assets/no-model/models/face_landmarker.task`), error.message);
    assert(/HTTP 404/.test(error.message) && /assets-base/.test(error.message) && /npm run model/.test(error.message), error.message);
  });

  it("an HTML fallback page where the model should be is 'model-missing'", async () => {
    await assertRejectsWithCode(
      FaceLandmarkerClient.create({ assetsBase: '/fv-test-assets/html-fallback/' }),
      'model-missing',
      'HTML instead of the model',
    );
  });

  it("a missing wasm runtime is 'vision-failed', naming the mediapipe/ URL", async () => {
    const error = await assertRejectsWithCode(
      FaceLandmarkerClient.create({ assetsBase: '/fv-test-assets/no-wasm/' }),
      'vision-failed',
      'missing wasm',
    );
    assert(error.message.includes('/fv-test-assets/no-wasm/mediapipe/vision_wasm_module_internal.js'), error.message);
  });

  it('an assets base without a trailing slash still works', async () => {
    const client = await FaceLandmarkerClient.create({ assetsBase: '/fv-assets' });
    client.close();
  });

  it('aborting create() rejects with the signal reason', async () => {
    const controller = new AbortController();
    const pending = FaceLandmarkerClient.create({ assetsBase: '/fv-assets/', signal: controller.signal });
    controller.abort(new DOMException('left the page', 'AbortError'));
    const started = performance.now();
    try {
      await pending;
      throw new Error('create() resolved after abort');
    } catch (error) {
      assertEqual((error as DOMException).name, 'AbortError', 'rejection');
      assertEqual((error as DOMException).message, 'left the page', 'reason');
    }
    assert(performance.now() - started < 500, 'rejects at once');
    // An already aborted signal never starts a worker.
    const aborted = AbortSignal.abort();
    let threw = false;
    try {
      await FaceLandmarkerClient.create({ assetsBase: '/fv-assets/', signal: aborted });
    } catch {
      threw = true;
    }
    assert(threw, 'already aborted signal rejects');
  });

  it('an init timeout rejects with vision-failed instead of hanging', async () => {
    await assertRejectsWithCode(
      FaceLandmarkerClient.create({ assetsBase: '/fv-assets/', initTimeoutMs: 1 }),
      'vision-failed',
      'init timeout',
    );
  });

  it('a non-increasing timestamp fails that frame only', async () => {
    const client = await createClient();
    const first = await client.analyse(blankBitmap(), 1000);
    assertEqual(first.faces, 0, 'faces on a blank frame');
    assertEqual(`${first.width}x${first.height}`, '160x120', 'size');
    await assertRejectsWithCode(client.analyse(blankBitmap(), 1000), 'vision-failed', 'repeated timestamp');
    await assertRejectsWithCode(client.analyse(blankBitmap(), 500), 'vision-failed', 'earlier timestamp');
    const later = await client.analyse(blankBitmap(), 1100);
    assertEqual(later.t, 1100, 'the client keeps working');
  });

  it('close() rejects pending frames with AbortError, is idempotent, and later calls reject', async () => {
    const client = await createClient();
    const pending = [client.analyse(blankBitmap(), 10), client.analyse(blankBitmap(), 20)];
    client.close();
    client.close();
    assert(client.closed, 'closed');
    for (const p of pending) {
      const outcome = await p.then(
        () => 'resolved',
        (e: unknown) => (e as Error).name,
      );
      assertEqual(outcome, 'AbortError', 'pending frame after close');
    }
    const bitmap = blankBitmap();
    const after = await client.analyse(bitmap, 30).then(
      () => 'resolved',
      (e: unknown) => (e as Error).name,
    );
    assertEqual(after, 'AbortError', 'analyse after close');
    assertEqual(bitmap.width, 0, 'the refused bitmap was closed (its pixels freed)');
  });

  it('the analysed bitmap is transferred (zero-copy), not copied', async () => {
    const client = await createClient();
    const bitmap = blankBitmap();
    const result = client.analyse(bitmap, 1);
    assertEqual(bitmap.width, 0, 'detached in the page right after analyse()');
    await result;
  });
});

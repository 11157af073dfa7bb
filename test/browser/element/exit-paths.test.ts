/**
 * Exit paths on Chromium's built-in test-pattern camera (no face, so the flow stays in guidance):
 * each one must end with a clear typed error, no live camera track and every Worker that was
 * created terminated — counted by wrapping `Worker` and getUserMedia in the page.
 */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { assert, assertEqual } from '../helpers/assert.js';
import {
  agree, liveTracks, mount, nextError, query, shadowText, spyOnCamera, spyOnWorkers, waitFor, waitForNothingRunning, waitForStep,
  type WorkerSpy,
} from '../helpers/element.js';
import { afterEach, beforeEach, describe, it } from '../helpers/mocha.js';

describe('<face-verify> exit paths switch everything off', () => {
  let el: FaceVerify | null = null;
  let camera: ReturnType<typeof spyOnCamera>;
  let workers: WorkerSpy;
  let restore: (() => void)[] = [];

  beforeEach(() => {
    camera = spyOnCamera();
    workers = spyOnWorkers();
  });

  afterEach(() => {
    el?.remove();
    el = null;
    restore.reverse().forEach((r) => r());
    restore = [];
    workers.restore();
    camera.restore();
  });

  /** Replaces getUserMedia (after spyOnCamera, so the spy's stream list still sees what is returned). */
  function stubGetUserMedia(fn: (constraints?: MediaStreamConstraints, original?: () => Promise<MediaStream>) => Promise<MediaStream>): void {
    const spied = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = (c) => fn(c, () => spied.call(navigator.mediaDevices, c));
    restore.push(() => void (navigator.mediaDevices.getUserMedia = spied));
  }

  it('camera-denied after the landmarker is ready: error shown, the ready worker terminated', async () => {
    stubGetUserMedia(async () => {
      // The leak this guards against: the landmarker resolves first, then getUserMedia rejects.
      await waitFor('the landmarker to be ready', () => workers.ready.size > 0, 30_000);
      throw new DOMException('Permission denied', 'NotAllowedError');
    });
    el = mount();
    const error = nextError(el);
    await agree(el);
    assertEqual((await error).code, 'camera-denied', 'error code');
    assertEqual(workers.instances.length, 1, 'workers created');
    assertEqual(workers.ready.size, 1, 'the worker had finished loading before the refusal');
    await waitForNothingRunning(camera, workers, 'after camera-denied');
    assert(shadowText(el).includes('Allow the camera'), 'tells the person how to fix it');
  });

  it('camera-denied while the landmarker is still loading: its worker is terminated too', async () => {
    stubGetUserMedia(async () => {
      await waitFor('a worker to start', () => workers.instances.length > 0, 10_000);
      throw new DOMException('Permission denied', 'NotAllowedError');
    });
    el = mount();
    const error = nextError(el);
    await agree(el);
    assertEqual((await error).code, 'camera-denied', 'error code');
    await waitForNothingRunning(camera, workers, 'after an early camera-denied', 5_000);
    assertEqual(workers.ready.size, 0, 'the worker was cut off before it was ready');
  });

  for (const how of ['track.stop()', "an 'ended' event"] as const) {
    it(`a camera track that ends during guidance (${how}) gives camera-ended, no live track, no worker`, async () => {
      el = mount();
      const error = nextError(el);
      await agree(el);
      await waitForStep(el, 'guidance');
      assertEqual(liveTracks(camera.streams), 1, 'the camera is live in guidance');
      assertEqual(workers.live(), 1, 'one worker runs in guidance');
      const track = camera.streams[0]!.getVideoTracks()[0]!;
      if (how === 'track.stop()') track.stop();
      else track.dispatchEvent(new Event('ended'));
      assertEqual((await error).code, 'camera-ended', 'error code');
      await waitForStep(el, 'error');
      await waitForNothingRunning(camera, workers, 'after camera-ended');
      assert(shadowText(el).includes('camera stopped'), `says the camera stopped: ${shadowText(el)}`);
      assert(el.shadowRoot!.querySelector('button[part~="retry"]'), 'a retry button');
    });
  }

  it('a failed camera switch gives a camera-* error, stops the tracks and terminates the worker', async () => {
    const realDevices = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);
    navigator.mediaDevices.enumerateDevices = async () => [
      ...(await realDevices()),
      { deviceId: 'broken-camera', groupId: 'g', kind: 'videoinput', label: 'Broken camera', toJSON: () => ({}) } as MediaDeviceInfo,
    ];
    restore.push(() => void (navigator.mediaDevices.enumerateDevices = realDevices));
    stubGetUserMedia(async (constraints, original) => {
      const video = constraints?.video as MediaTrackConstraints | undefined;
      if ((video?.deviceId as ConstrainDOMStringParameters | undefined)?.exact === 'broken-camera') {
        throw new DOMException('Could not start video source', 'NotReadableError');
      }
      return original!();
    });
    el = mount();
    await agree(el);
    await waitForStep(el, 'guidance');
    const picker = await waitFor('the camera picker', () => el!.shadowRoot!.querySelector<HTMLSelectElement>('select[part="camera-picker"]'));
    const error = nextError(el);
    picker.value = 'broken-camera';
    picker.dispatchEvent(new Event('change'));
    const detail = await error;
    assert(detail.code.startsWith('camera-'), `a camera error, got ${detail.code}`);
    assertEqual(detail.code, 'camera-busy', 'NotReadableError maps to camera-busy');
    await waitForNothingRunning(camera, workers, 'after the failed switch');
  });

  it('a camera that never shows a picture gives camera-timeout, and its track is stopped', async () => {
    // A live video track that never delivers a frame: a canvas stream nobody draws to.
    stubGetUserMedia(async () => {
      const canvas = document.createElement('canvas');
      const stream = canvas.captureStream(0);
      camera.streams.push(stream);
      return stream;
    });
    el = mount('ok', (e) => (e.timeouts = { cameraMs: 1_500 }));
    const error = nextError(el);
    const started = performance.now();
    await agree(el);
    assertEqual((await error).code, 'camera-timeout', 'error code');
    const took = performance.now() - started;
    assert(took < 10_000, `reported after ${Math.round(took)} ms, not the default 10 s`);
    await waitForNothingRunning(camera, workers, 'after camera-timeout');
  });

  it('cancel during guidance and removing the element during guidance both switch everything off', async () => {
    el = mount();
    await agree(el);
    await waitForStep(el, 'guidance');
    query<HTMLButtonElement>(el, 'button[part~="cancel"]').click();
    await waitForStep(el, 'declined');
    await waitForNothingRunning(camera, workers, 'after cancel');

    el.remove();
    el = mount();
    await agree(el);
    await waitForStep(el, 'guidance');
    assertEqual(workers.live(), 1, 'a new worker for the new session');
    el.remove();
    await waitForNothingRunning(camera, workers, 'after removal');
  });

  it('a worker that dies during guidance gives vision-failed; retry starts a new worker', async () => {
    el = mount();
    await agree(el);
    await waitForStep(el, 'guidance');
    const error = nextError(el);
    workers.instances[0]!.dispatchEvent(new ErrorEvent('error', { message: 'killed by the test' }));
    assertEqual((await error).code, 'vision-failed', 'error code');
    await waitForNothingRunning(camera, workers, 'after the worker died');
    query<HTMLButtonElement>(el, 'button[part~="retry"]').click();
    await waitForStep(el, 'guidance');
    assertEqual(workers.instances.length, 2, 'workers created');
    assert(workers.terminated.has(workers.instances[0]!), 'the dead one is terminated');
    assertEqual(workers.live(), 1, 'only the new one runs');
  });
});

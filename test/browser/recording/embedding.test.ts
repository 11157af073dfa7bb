/**
 * The zero-upload mode through the element, with the cooperative stand-in (a real face from
 * ../shared/media following the prompts): no video is recorded, the review shows the face crops
 * the template was made from and says what is sent, the server receives exactly a 512-byte
 * template, a second session of the same face matches the first, and both workers and the camera
 * are off at the end. Clip mode never starts the template worker.
 */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { DEFAULT_MATCH_THRESHOLD } from '../../../src/shared/match-threshold.js';
import { TEMPLATE_BYTES, TEMPLATE_MEDIA_TYPE } from '../../../src/shared/face-template.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { agree, backendLog, liveTracks, shadowText, waitFor, waitForNothingRunning, waitForStep } from '../helpers/element.js';
import { useHarness } from '../helpers/harness.js';
import { describe, it } from '../helpers/mocha.js';

const tag = () => Math.random().toString(36).slice(2, 8);

interface Verified { route: 'verified'; mode: string; payloadType: string; payloadBytes: number; matches: { distance: number }[]; replayed: boolean }

/** Counts MediaRecorder constructions until restored. */
function spyOnRecorders(): { count: () => number; restore(): void } {
  const Original = globalThis.MediaRecorder;
  let count = 0;
  globalThis.MediaRecorder = class extends Original {
    constructor(stream: MediaStream, options?: MediaRecorderOptions) {
      count++;
      super(stream, options);
    }
  } as typeof MediaRecorder;
  return { count: () => count, restore: () => void (globalThis.MediaRecorder = Original) };
}

const isDescriptorWorker = (url: string) => url.includes('descriptor.worker');

describe('<face-verify> embedding mode', () => {
  const h = useHarness({ standIn: true });

  /** One session to done; reads only the log entries it added (sessions of one variant share a log). */
  async function sendOnce(variant: string): Promise<{ el: FaceVerify; verified: Verified; submitBytes: number }> {
    const before = (await backendLog(variant)).length;
    const el = await h.toReview(variant);
    const submitted = new Promise<void>((r) => el.addEventListener('face-verify-submitted', () => r(), { once: true }));
    h.click('send');
    await submitted;
    await waitForStep(el, 'done');
    const log = (await backendLog(variant)).slice(before) as unknown as (Verified | { route: string; headers: Record<string, string> })[];
    const verified = log.filter((e): e is Verified => e.route === 'verified');
    const submit = log.filter((e): e is { route: string; headers: Record<string, string> } => e.route === 'submit');
    assertEqual(verified.length, 1, 'accepted uploads');
    return { el, verified: verified[0]!, submitBytes: Number(submit[0]!.headers['content-length']) };
  }

  it('records no video, reviews the face crops with what is sent, uploads a 512-byte template, and ends with both workers and the camera off', async () => {
    const recorders = spyOnRecorders();
    h.restore.push(recorders.restore);
    const variant = `embedding--${tag()}`;
    const el = await h.toReview(variant);
    assertEqual(recorders.count(), 0, 'MediaRecorders constructed');
    const root = el.shadowRoot!;
    assertEqual(root.querySelector('video[part="review-video"]'), null, 'no clip to watch');
    const crops = [...root.querySelectorAll<HTMLCanvasElement>('canvas[part="review-crop"]')];
    assert(crops.length >= 3 && crops.length <= 8, `3…8 face crops shown, got ${crops.length}`);
    const pixels = crops[0]!.getContext('2d')!.getImageData(0, 0, 150, 150).data;
    let lit = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! > 60) lit++;
    assert(lit > 150 * 150 * 0.5, `the crop shows a picture (${lit} of ${150 * 150} pixels not dark)`);
    const text = shadowText(el);
    assert(/128 numbers computed from these crops/.test(text), `what is sent is stated: ${text.slice(0, 300)}`);
    assert(/No image or video is sent/.test(text), 'and that no image is');
    assertEqual(h.workers.urls.filter(isDescriptorWorker).length, 1, 'template workers started');
    assertEqual(liveTracks(h.camera.streams), 0, 'the camera is off during the review');

    const submitted = new Promise<string>((r) => el.addEventListener('face-verify-submitted', (e) => r(e.detail.receipt.mode), { once: true }));
    h.click('send');
    assertEqual(await submitted, 'embedding', 'the receipt\'s mode');
    await waitForStep(el, 'done');
    assert(/face template/.test(shadowText(el)), 'the receipt says a template was sent');
    const log = (await backendLog(variant)) as unknown as Verified[];
    const verified = log.filter((e) => e.route === 'verified');
    assertEqual(verified.length, 1, 'accepted uploads');
    assertEqual(verified[0]!.payloadType, TEMPLATE_MEDIA_TYPE, 'payload type');
    assertEqual(verified[0]!.payloadBytes, TEMPLATE_BYTES, 'payload bytes');
    await waitForNothingRunning(h.camera, h.workers, 'after done');
  });

  it('a second session of the same face matches the first, within the shipped threshold', async () => {
    const variant = `embedding--${tag()}`;
    const first = await sendOnce(variant);
    first.el.remove();
    h.el = null;
    const second = await sendOnce(variant);
    const matches = second.verified.matches;
    assert(matches.length >= 1, 'the second template matched a stored one');
    const distance = matches[0]!.distance;
    console.log(`same face, two sessions: distance ${distance.toFixed(3)} (threshold ${DEFAULT_MATCH_THRESHOLD}, margin ${(DEFAULT_MATCH_THRESHOLD - distance).toFixed(3)}); upload ${second.submitBytes} bytes`);
    assert(distance < DEFAULT_MATCH_THRESHOLD, `distance ${distance}`);
    // A clip of this stand-in is well over 100 KB; the template and its summary are a few tens.
    assert(second.submitBytes < 64 * 1024, `upload of ${second.submitBytes} bytes`);
  });

  it('clip mode never starts the template worker', async () => {
    const el = h.mount(`ok--${tag()}`);
    await agree(el);
    await waitForStep(el, 'guidance', 30_000);
    await waitFor('the landmarker to be ready', () => h.workers.ready.size >= 1, 30_000);
    assertEqual(h.workers.urls.filter(isDescriptorWorker).length, 0, 'template workers started in clip mode');
    h.click('cancel');
    await waitForNothingRunning(h.camera, h.workers, 'after cancel');
  });
});

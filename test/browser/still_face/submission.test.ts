/**
 * still_face.mjpeg: one well-placed face, so the flow records. Sending, and the exit paths that can
 * only happen with a recording: the upload's format and headers, a retry that must send the very
 * same sealed bytes, a cancellable "sending", deadlines, a camera that ends or a tab that hides
 * during the recording, and a retake after the worker died during the review.
 */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { assert, assertEqual } from '../helpers/assert.js';
import {
  agree, backendLog, backendStored, liveTracks, mount, nextError, query, shadowText, spyOnCamera, spyOnWorkers, waitFor,
  waitForNothingRunning, waitForStep, type WorkerSpy,
} from '../helpers/element.js';
import { afterEach, beforeEach, describe, it } from '../helpers/mocha.js';

const tag = () => Math.random().toString(36).slice(2, 8);

describe('<face-verify> recording, sending and their exit paths', () => {
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

  async function toReview(variant: string, setup?: (e: FaceVerify) => void): Promise<FaceVerify> {
    el = mount(variant, setup);
    await agree(el);
    await waitForStep(el, 'review', 40_000);
    return el;
  }

  function click(part: string): void {
    query<HTMLButtonElement>(el!, `button[part~="${part}"]`).click();
  }

  it('sends multipart with the attestation first, no header over 1 KiB, shows the receipt, and switches everything off', async () => {
    const variant = `ok--${tag()}`;
    await toReview(variant);
    assertEqual(liveTracks(camera.streams), 0, 'the camera is off during the review');
    const submitted = new Promise<string>((r) => el!.addEventListener('face-verify-submitted', (e) => r(e.detail.receipt.receiptId)));
    click('send');
    const receiptId = await submitted;
    await waitForStep(el!, 'done');
    assert(shadowText(el!).includes(receiptId), 'the receipt id is shown');
    const submit = (await backendLog(variant)).filter((e) => e.route === 'submit');
    assertEqual(submit.length, 1, 'submit requests');
    const headers = submit[0]!.headers;
    assert(headers['content-type']!.startsWith('multipart/form-data; boundary='), `content-type: ${headers['content-type']}`);
    assert(/^[A-Za-z0-9_-]{22}$/.test(headers['idempotency-key'] ?? ''), `idempotency-key: ${headers['idempotency-key']}`);
    assertEqual(headers['face-verify-attestation'], undefined, 'no attestation header');
    const largest = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).sort((a, b) => b.length - a.length)[0]!;
    console.log(`largest upload header: ${largest.length} bytes (${largest.split(':')[0]})`);
    assert(largest.length <= 1024, `largest header is ${largest.length} bytes: ${largest.slice(0, 80)}…`);
    assertEqual((await backendStored(variant)).stored, 1, 'stored submissions');
    await waitForNothingRunning(camera, workers, 'after done');
  });

  it('retry after a stored-but-unanswered upload sends the same bytes and shows the first receipt; one is stored', async () => {
    const variant = `store-then-503--${tag()}`;
    await toReview(variant);
    const error = nextError(el!);
    click('send');
    assertEqual((await error).code, 'upload-failed', 'error code after the 503s');
    const stored = await backendStored(variant);
    assertEqual(stored.stored, 1, 'the first upload was stored');
    const submitted = new Promise<string>((r) => el!.addEventListener('face-verify-submitted', (e) => r(e.detail.receipt.receiptId)));
    click('retry');
    assertEqual(await submitted, stored.receiptIds[0], 'the receipt is the first submission\'s');
    await waitForStep(el!, 'done');
    assertEqual((await backendStored(variant)).stored, 1, 'still exactly one stored');
    const submits = (await backendLog(variant)).filter((e) => e.route === 'submit');
    assertEqual(submits.length, 4, 'three attempts, then the retry');
    assertEqual(new Set(submits.map((e) => e.headers['idempotency-key'])).size, 1, 'one idempotency key for every request');
    assertEqual(new Set(submits.map((e) => e.headers['content-length'])).size, 1, 'the same body length every time');
  });

  it('"sending" can be cancelled back to the review, and Send then uploads the kept submission', async () => {
    const variant = `slow-submit--${tag()}`;
    await toReview(variant);
    // Keep the signal of every upload request, to see that Cancel really aborts the one in flight.
    const uploads: AbortSignal[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/submit') && init?.signal) uploads.push(init.signal);
      return realFetch(input, init);
    };
    restore.push(() => void (window.fetch = realFetch));
    click('send');
    await waitForStep(el!, 'sending');
    await waitFor('the upload to reach the server', async () => (await backendLog(variant)).some((e) => e.route === 'submit'), 5_000);
    click('cancel-send');
    await waitForStep(el!, 'review');
    assertEqual(uploads.length, 1, 'upload requests before Cancel');
    assertEqual(uploads[0]!.aborted, true, 'Cancel aborted the upload in flight');
    assert(query<HTMLVideoElement>(el!, 'video[part="review-video"]').src.startsWith('blob:'), 'the clip is still there to watch');
    click('send');
    await waitForStep(el!, 'done', 20_000);
    const submits = (await backendLog(variant)).filter((e) => e.route === 'submit');
    assertEqual(submits.length, 2, 'submit requests');
    assertEqual(submits[0]!.headers['idempotency-key'], submits[1]!.headers['idempotency-key'], 'the same idempotency key after Cancel');
    assertEqual(submits[0]!.headers['content-length'], submits[1]!.headers['content-length'], 'the same body length after Cancel');
    assertEqual((await backendStored(variant)).stored, 1, 'stored submissions');
  });

  it('a Cancel that came after the server stored the upload, then a retake, ends with the stored one\'s receipt: one stored, none without a receipt', async () => {
    const variant = `store-then-slow--${tag()}`;
    await toReview(variant);
    click('send');
    await waitFor('the first upload to be stored', async () => (await backendStored(variant)).stored === 1, 10_000);
    const first = (await backendStored(variant)).receiptIds[0];
    click('cancel-send');
    await waitForStep(el!, 'review');
    click('retake');
    await waitForStep(el!, 'capture', 60_000);
    await waitForStep(el!, 'review', 60_000);
    const submitted = new Promise<string>((r) => el!.addEventListener('face-verify-submitted', (e) => r(e.detail.receipt.receiptId)));
    click('send');
    assertEqual(await submitted, first, 'the receipt shown is the one of the submission the server holds');
    await waitForStep(el!, 'done');
    assertEqual((await backendStored(variant)).stored, 1, 'stored submissions');
    await waitForNothingRunning(camera, workers, 'after done');
  });

  it('Cancel after the server stored the upload, then Cancel again: the person is told it arrived and gets its receipt and erasure link', async () => {
    const variant = `store-then-slow--${tag()}`;
    await toReview(variant);
    const declined = new Promise<{ reason: string; storedReceipt?: { receiptId: string } }>((r) => el!.addEventListener('face-verify-declined', (e) => r(e.detail)));
    click('send');
    await waitFor('the upload to be stored', async () => (await backendStored(variant)).stored === 1, 10_000);
    const first = (await backendStored(variant)).receiptIds[0];
    click('cancel-send');
    await waitForStep(el!, 'review');
    click('cancel');
    const detail = await declined;
    assertEqual(detail.reason, 'cancelled', 'declined reason');
    assertEqual(detail.storedReceipt?.receiptId, first, 'the declined event carries the stored receipt');
    await el!.updateComplete;
    assertEqual(query(el!, '[part="receipt-id"]').textContent?.trim(), first, 'the receipt id shown');
    assert(query<HTMLAnchorElement>(el!, 'a[part="erase-link"]').href.includes(`receipt=${first}`), 'an erasure link for it');
    assert(!shadowText(el!).includes('Nothing was sent'), 'never "nothing was sent" when something was');
    assertEqual((await backendStored(variant)).stored, 1, 'stored submissions');
    await waitForNothingRunning(camera, workers, 'after declined');
  });

  it('Cancel before the upload reached the server: "nothing was sent" is true, and asking stored nothing', async () => {
    const variant = `hang-first-submit--${tag()}`;
    await toReview(variant);
    const declined = new Promise<{ storedReceipt?: unknown }>((r) => el!.addEventListener('face-verify-declined', (e) => r(e.detail)));
    click('send');
    await waitFor('the upload to reach the server', async () => (await backendLog(variant)).some((e) => e.route === 'submit'), 5_000);
    click('cancel-send');
    await waitForStep(el!, 'review');
    click('cancel');
    assertEqual((await declined).storedReceipt, undefined, 'no stored receipt');
    await el!.updateComplete;
    assert(shadowText(el!).includes('Nothing was sent'), `shows the cancelled text: ${shadowText(el!).slice(0, 120)}`);
    assertEqual((await backendStored(variant)).stored, 0, 'nothing stored, by the upload or by asking');
    const lookups = (await backendLog(variant)).filter((e) => e.route === 'submit' && e.headers['face-verify-lookup'] === '1');
    assertEqual(lookups.length, 1, 'one lookup request');
  });

  it('Cancel while the server cannot be reached: the person is told it could not be checked, not that nothing was sent', async () => {
    const variant = `hang-first-submit--${tag()}`;
    await toReview(variant);
    click('send');
    await waitFor('the upload to reach the server', async () => (await backendLog(variant)).some((e) => e.route === 'submit'), 5_000);
    click('cancel-send');
    await waitForStep(el!, 'review');
    // The network goes away: every further request to the submit endpoint fails.
    const realFetch = window.fetch;
    window.fetch = (input, init) =>
      String(input instanceof Request ? input.url : input).endsWith('/submit') ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
    restore.push(() => void (window.fetch = realFetch));
    click('cancel');
    await waitFor(`the "could not be asked" outcome (now: ${shadowText(el!).slice(0, 80)})`, () => shadowText(el!).includes('could not be asked'), 15_000);
    const text = shadowText(el!);
    assert(!text.includes('Nothing was sent'), 'never claims nothing was sent');
    await waitForNothingRunning(camera, workers, 'after declined');
  });

  it('an upload slower than its deadline gives upload-failed; the kept submission is sent on retry', async () => {
    const variant = `slow-submit--${tag()}`;
    await toReview(variant, (e) => (e.timeouts = { uploadMs: 1_000 }));
    const error = nextError(el!);
    click('send');
    const detail = await error;
    assertEqual(detail.code, 'upload-failed', 'error code');
    assert(/did not answer within 1 s/.test(detail.message), `message names the deadline: ${detail.message}`);
    el!.timeouts = {};
    click('retry');
    await waitForStep(el!, 'done', 20_000);
    const keys = new Set((await backendLog(variant)).filter((e) => e.route === 'submit').map((e) => e.headers['idempotency-key']));
    assertEqual(keys.size, 1, 'one idempotency key across the timed-out attempts and the retry');
  });

  it('a camera track that ends during the recording gives camera-ended, never a review of a cut clip', async () => {
    el = mount();
    const steps: string[] = [];
    el.addEventListener('face-verify-step', (e) => steps.push(e.detail.step));
    await agree(el);
    await waitForStep(el, 'capture', 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    const error = nextError(el);
    camera.streams[0]!.getVideoTracks()[0]!.stop();
    assertEqual((await error).code, 'camera-ended', 'error code');
    await waitForNothingRunning(camera, workers, 'after camera-ended during capture');
    await new Promise((r) => setTimeout(r, 1000));
    assert(!steps.includes('review'), `never reached review: ${steps.join(',')}`);
  });

  it('hiding the tab during the recording abandons it back to guidance, never a clip with holes', async () => {
    el = mount();
    const steps: string[] = [];
    el.addEventListener('face-verify-step', (e) => steps.push(e.detail.step));
    await agree(el);
    await waitForStep(el, 'capture', 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    restore.push(() => void delete (document as { visibilityState?: string }).visibilityState);
    document.dispatchEvent(new Event('visibilitychange'));
    await waitForStep(el, 'guidance', 2_000);
    assert(!steps.includes('review'), `no review: ${steps.join(',')}`);
    // Visible again: the person can record a whole clip.
    delete (document as { visibilityState?: string }).visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
    await waitForStep(el, 'review', 30_000);
    assertEqual(steps.filter((s) => s === 'capture').length, 2, 'recorded twice');
  });

  it('a retake after the worker died during the review starts a new worker and records again', async () => {
    await toReview(`ok--${tag()}`);
    assertEqual(workers.live(), 1, 'the worker is kept warm through the review');
    workers.instances[0]!.dispatchEvent(new ErrorEvent('error', { message: 'killed by the test' }));
    await waitFor('the dead worker to be terminated', () => workers.terminated.has(workers.instances[0]!), 2_000);
    click('retake');
    await waitForStep(el!, 'capture', 30_000);
    assertEqual(workers.instances.length, 2, 'workers created');
    assertEqual(workers.live(), 1, 'only the new worker runs');
    await waitForStep(el!, 'review', 30_000);
    el!.remove();
    await waitForNothingRunning(camera, workers, 'after removal');
  });
});

describe('<face-verify> keeps time on the challenge it records under', () => {
  let el: FaceVerify | null = null;
  let restore: (() => void) | null = null;

  afterEach(() => {
    el?.remove();
    el = null;
    restore?.();
    restore = null;
  });

  it('a capture window that closes before recording starts gets a new challenge first; the clip is accepted', async () => {
    // A 10-s capture window and a permission prompt the person answers after 8 s: by the time the
    // face is steady, the first challenge's window has (almost) closed.
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = async (c) => {
      await new Promise((r) => setTimeout(r, 8_000));
      return original.call(navigator.mediaDevices, c);
    };
    restore = () => void (navigator.mediaDevices.getUserMedia = original);
    const variant = `short-capture--${tag()}`;
    el = mount(variant);
    const errors: string[] = [];
    el.addEventListener('face-verify-error', (e) => errors.push(`${e.detail.code}/${e.detail.serverCode ?? ''}`));
    await agree(el);
    await waitForStep(el, 'review', 60_000);
    assertEqual((await backendLog(variant)).filter((e) => e.route === 'challenge').length, 2, 'challenge requests: one after consent, one before recording');
    query<HTMLButtonElement>(el, 'button[part~="send"]').click();
    await waitForStep(el, 'done', 20_000);
    assertEqual(errors.join(','), '', 'errors');
    assertEqual((await backendStored(variant)).stored, 1, 'stored submissions');
  });
});

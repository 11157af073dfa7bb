/**
 * A cooperative stand-in person (as in submission.test.ts), for the exit paths that can only happen
 * with a recording under way or held: deadlines, a camera that ends or a tab that hides during the
 * recording, a retake after the worker died during the review, a capture window closing. Split from
 * submission.test.ts so each file stays within the runner's time per file.
 */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { agree, backendLog, backendStored, mount, nextError, query, waitFor, waitForNothingRunning, waitForStep } from '../helpers/element.js';
import { useHarness } from '../helpers/harness.js';
import { afterEach, beforeEach, describe, it } from '../helpers/mocha.js';
import { installStandIn } from '../helpers/stand-in.js';

const tag = () => Math.random().toString(36).slice(2, 8);

describe('<face-verify> exit paths during and after a recording', () => {
  const h = useHarness({ standIn: true });

  it('an upload slower than its deadline waits and says why; with a longer deadline the kept submission goes through', async () => {
    const variant = `slow-submit--${tag()}`;
    await h.toReview(variant, (e) => (e.timeouts = { uploadMs: 1_000 }));
    const waited = new Promise<string>((resolve) => h.el!.addEventListener('face-verify-delivery', (e) => e.detail.state === 'waiting' && resolve(e.detail.lastError ?? '')));
    h.click('send');
    assert(/did not answer within 1 s/.test(await waited), 'the wait names the deadline that was missed');
    // Options are read per attempt: the host's new deadline applies to the next one.
    h.el!.timeouts = {};
    h.click('try-now');
    await waitForStep(h.el!, 'done', 20_000);
    const keys = new Set((await backendLog(variant)).filter((e) => e.route === 'submit').map((e) => e.headers['idempotency-key']));
    assertEqual(keys.size, 1, 'one idempotency key across the timed-out attempt and the next');
  });

  it('a camera track that ends during the recording gives camera-ended, never a review of a cut clip', async () => {
    h.mount();
    const steps: string[] = [];
    h.el!.addEventListener('face-verify-step', (e) => steps.push(e.detail.step));
    await agree(h.el!);
    await waitForStep(h.el!, 'capture', 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    const error = nextError(h.el!);
    h.camera.streams[0]!.getVideoTracks()[0]!.stop();
    assertEqual((await error).code, 'camera-ended', 'error code');
    await waitForNothingRunning(h.camera, h.workers, 'after camera-ended during capture');
    await new Promise((r) => setTimeout(r, 1000));
    assert(!steps.includes('review'), `never reached review: ${steps.join(',')}`);
  });

  it('hiding the tab during the recording abandons it back to guidance, never a clip with holes', async () => {
    h.mount();
    const steps: string[] = [];
    h.el!.addEventListener('face-verify-step', (e) => steps.push(e.detail.step));
    await agree(h.el!);
    await waitForStep(h.el!, 'capture', 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    h.restore.push(() => void delete (document as { visibilityState?: string }).visibilityState);
    document.dispatchEvent(new Event('visibilitychange'));
    await waitForStep(h.el!, 'guidance', 2_000);
    assert(!steps.includes('review'), `no review: ${steps.join(',')}`);
    // Visible again: the person can record a whole clip.
    delete (document as { visibilityState?: string }).visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
    await waitForStep(h.el!, 'review', 30_000);
    assertEqual(steps.filter((s) => s === 'capture').length, 2, 'recorded twice');
  });

  it('a retake after the worker died during the review starts a new worker and records again', async () => {
    await h.toReview(`ok--${tag()}`);
    assertEqual(h.workers.live(), 1, 'the worker is kept warm through the review');
    h.workers.instances[0]!.dispatchEvent(new ErrorEvent('error', { message: 'killed by the test' }));
    await waitFor('the dead worker to be terminated', () => h.workers.terminated.has(h.workers.instances[0]!), 2_000);
    h.click('retake');
    await waitForStep(h.el!, 'capture', 30_000);
    assertEqual(h.workers.instances.length, 2, 'workers created');
    assertEqual(h.workers.live(), 1, 'only the new worker runs');
    await waitForStep(h.el!, 'review', 30_000);
    h.el!.remove();
    await waitForNothingRunning(h.camera, h.workers, 'after removal');
  });
});

describe('<face-verify> keeps time on the challenge it records under', () => {
  let el: FaceVerify | null = null;
  let restore: (() => void) | null = null;
  let uninstall: () => void = () => {};

  beforeEach(async () => {
    uninstall = await installStandIn();
  });

  afterEach(() => {
    el?.remove();
    el = null;
    restore?.();
    restore = null;
    uninstall();
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

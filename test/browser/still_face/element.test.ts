/**
 * still_face.mjpeg: one well-placed face held perfectly still — a photo. Guidance lets it through to
 * recording, and the liveness check then refuses it: it never follows a prompt.
 */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import type { LivenessDetail } from '../../../src/element/events.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { agree, backendStored, mount, query, spyOnCamera, waitFor, waitForStep } from '../helpers/element.js';
import { afterEach, describe, it } from '../helpers/mocha.js';

describe('<face-verify> with one still face in view', () => {
  let el: FaceVerify | null = null;
  let camera: ReturnType<typeof spyOnCamera> | null = null;

  afterEach(() => {
    el?.remove();
    camera?.restore();
  });

  it('passes guidance and starts recording; removing the element stops the camera', async () => {
    camera = spyOnCamera();
    el = mount();
    const steps: string[] = [];
    el.addEventListener('face-verify-step', (e) => steps.push(e.detail.step));
    await agree(el);
    await waitForStep(el, 'guidance');
    await waitForStep(el, 'capture', 20_000);
    await waitFor('the hold-still prompt', () => el!.shadowRoot!.querySelector('[part~="prompt-hold"]'), 5_000);
    assert(steps.join(',').startsWith('camera,guidance,capture'), `steps: ${steps.join(',')}`);
    assert(camera.streams.length === 1 && camera.streams[0]!.getVideoTracks()[0]!.readyState === 'live', 'camera live while recording');
    el.remove();
    await waitFor('tracks to end', () => camera!.streams.every((s) => s.getTracks().every((t) => t.readyState === 'ended')), 2_000);
  });

  it('a still photo fails the liveness check with action-missed, is told what to redo, and after max-attempts is offered the alternative with one face-verify-error liveness-failed; nothing is stored', async () => {
    camera = spyOnCamera();
    const variant = `ok--photo${Math.random().toString(36).slice(2, 6)}`;
    el = mount(variant, (e) => (e.maxAttempts = 2));
    const decisions: LivenessDetail[] = [];
    const errors: string[] = [];
    el.addEventListener('face-verify-liveness', (e) => decisions.push(e.detail));
    el.addEventListener('face-verify-error', (e) => errors.push(e.detail.code));
    await agree(el);
    await waitFor('the first decision', () => decisions.length === 1, 40_000);
    assertEqual(decisions[0]!.decision.level, 'failed', 'first decision');
    assertEqual(decisions[0]!.decision.reasons[0]!.code, 'action-missed', 'its reason');
    assertEqual(decisions[0]!.attemptsLeft, 1, 'attempts left');
    await waitForStep(el, 'guidance', 5_000);
    assert(/did not see/.test(query(el, '[part="check-failed"]').textContent ?? ''), 'the person is told what was not seen');
    await waitForStep(el, 'error', 40_000);
    assertEqual(decisions.length, 2, 'two recordings judged');
    assertEqual(decisions[1]!.attemptsLeft, 0, 'none left');
    assertEqual(errors.join(','), 'liveness-failed', 'face-verify-error events');
    const text = el.shadowRoot!.textContent ?? '';
    assert(/could not confirm/.test(text), 'the outcome is said plainly');
    assert(!el.shadowRoot!.querySelector('button[part~="retry"]'), 'no retry after the last attempt');
    assert(el.shadowRoot!.querySelector('[part="error"] a'), "the host's alternative is offered");
    assertEqual((await backendStored(variant)).stored, 0, 'stored submissions');
    await waitFor('tracks to end', () => camera!.streams.every((s) => s.getTracks().every((t) => t.readyState === 'ended')), 3_000);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  afterSessionRenewed, beforeRecording, beforeSending, INITIAL_STATE, isFinal, onChallengeRefused, RECORDER_START_MARGIN_MS,
  retryStepFor, STEPS, SUBMIT_MARGIN_MS, transition, usesCamera, type FlowEvent, type FlowState,
} from '../../../src/flow/machine.js';
import { WIDGET_ERROR_CODES } from '../../../src/shared/errors.js';
import type { LivenessDecision } from '../../../src/shared/liveness-decision.js';
import type { SubmissionReceipt } from '../../../src/shared/wire.js';
import { validManifest } from '../../fixtures/manifest.js';

const receipt = { receiptId: 'r1' } as SubmissionReceipt;

function run(events: FlowEvent[], from: FlowState = INITIAL_STATE): FlowState {
  return events.reduce(transition, from);
}

const loaded: FlowEvent = { type: 'session-loaded', manifest: validManifest(), mode: 'clip' };
const passed: LivenessDecision = { level: 'passed', reasons: [], flags: [], actions: [], colour: null, signals: [] };
const failed: LivenessDecision = { ...passed, level: 'failed', reasons: [{ code: 'action-missed', message: 'no turn' }] };
const toReview: FlowEvent[] = [loaded, { type: 'agree' }, { type: 'camera-ready' }, { type: 'guidance-steady' }, { type: 'capture-done', decision: passed }];
const toCapture = toReview.slice(0, 4);

describe('flow machine', () => {
  test('a take that gave no template goes back to guidance saying why, uses up no liveness attempt, and the next passed take clears it', () => {
    const afterFailure = run([...toCapture, { type: 'check-failed', decision: failed, final: false }, { type: 'guidance-steady' }, { type: 'template-failed', problem: 'too-few-frames' }]);
    assert.equal(afterFailure.step, 'guidance');
    assert.equal(afterFailure.templateProblem, 'too-few-frames');
    assert.equal(afterFailure.decision, null, 'the earlier failed check is no longer what is shown');
    assert.equal(afterFailure.failedChecks, 1, 'still one failed liveness check');
    assert.equal(afterFailure.hasPayload, false);
    const passedNext = run([{ type: 'guidance-steady' }, { type: 'capture-done', decision: passed }], afterFailure);
    assert.equal(passedNext.step, 'review');
    assert.equal(passedNext.templateProblem, null);
    assert.equal(run([{ type: 'template-failed', problem: 'frames-disagree' }], passedNext), passedNext, 'ignored outside the capture step');
  });

  test('a failed liveness check goes back to guidance with its decision and counts; the last one allowed ends in liveness-failed with no retry', () => {
    const once = run([...toCapture, { type: 'check-failed', decision: failed, final: false }]);
    assert.equal(once.step, 'guidance');
    assert.equal(once.decision, failed);
    assert.equal(once.failedChecks, 1);
    assert.equal(once.hasPayload, false, 'a failed recording is never held for review');
    const again = run([{ type: 'guidance-steady' }, { type: 'check-failed', decision: failed, final: true }], once);
    assert.equal(again.step, 'error');
    assert.equal(again.error?.code, 'liveness-failed');
    assert.equal(again.error?.retryStep, null);
    assert.equal(again.failedChecks, 2);
    assert.equal(transition(again, { type: 'retry' }), again, 'no retry once every attempt failed');
    assert.equal(transition(again, { type: 'cancel' }).step, 'declined', 'the person can still leave for the alternative');
  });

  test('a passed check reaches review carrying its decision; a retake forgets it', () => {
    const review = run(toReview);
    assert.equal(review.step, 'review');
    assert.equal(review.decision, passed);
    assert.equal(transition(review, { type: 'retake' }).decision, null);
  });

  test('the happy path visits every step in order', () => {
    const seen: string[] = [];
    let state = INITIAL_STATE;
    for (const event of [...toReview, { type: 'send' } as const, { type: 'sent', receipt } as const]) {
      state = transition(state, event);
      if (seen.at(-1) !== state.step) seen.push(state.step);
    }
    assert.deepEqual(seen, ['consent', 'camera', 'guidance', 'capture', 'review', 'sending', 'done']);
    assert.equal(state.receipt, receipt);
    assert.equal(state.hasPayload, false, 'the payload is dropped once sent');
    assert.equal(state.attempts, 1);
  });

  test('agree is ignored until the notice is loaded', () => {
    assert.equal(transition(INITIAL_STATE, { type: 'agree' }), INITIAL_STATE);
    assert.equal(transition(INITIAL_STATE, { type: 'decline' }), INITIAL_STATE);
  });

  test('declining at consent never reaches a camera step', () => {
    const state = run([loaded, { type: 'decline' }]);
    assert.equal(state.step, 'declined');
    assert.equal(state.declineReason, 'declined');
    assert.ok(isFinal(state.step));
    assert.equal(transition(state, { type: 'camera-ready' }), state, 'late camera events are ignored');
  });

  test('cancel from every camera step and from review ends as cancelled and drops the payload', () => {
    for (const upTo of [2, 3, 4, 5]) {
      const state = run([...toReview.slice(0, upTo), { type: 'cancel' }]);
      assert.equal(state.step, 'declined', `after ${upTo} events`);
      assert.equal(state.declineReason, 'cancelled');
      assert.equal(state.hasPayload, false);
    }
  });

  test('cancel is not possible once sending has started', () => {
    const sending = run([...toReview, { type: 'send' }]);
    assert.equal(transition(sending, { type: 'cancel' }), sending);
  });

  test('retake goes back to the camera and forgets the recording', () => {
    const state = run([...toReview, { type: 'retake' }]);
    assert.equal(state.step, 'camera');
    assert.equal(state.hasPayload, false);
    const again = run([{ type: 'camera-ready' }, { type: 'guidance-steady' }], state);
    assert.equal(again.attempts, 2);
  });

  test('losing the face during capture returns to guidance', () => {
    assert.equal(run([...toReview.slice(0, 4), { type: 'capture-lost' }]).step, 'guidance');
  });

  test('a failed upload keeps the sealed recording and retry sends it again at once', () => {
    const failed = run([...toReview, { type: 'send' }, { type: 'fail', code: 'upload-failed', message: 'down' }]);
    assert.equal(failed.step, 'error');
    assert.equal(failed.hasPayload, true);
    assert.equal(failed.error?.retryStep, 'sending');
    const retried = transition(failed, { type: 'retry' });
    assert.equal(retried.step, 'sending');
    assert.equal(retried.hasPayload, true);
    assert.equal(retried.error, null);
  });

  test('a failed seal keeps the recording and retry returns to review', () => {
    const failed = run([...toReview, { type: 'send' }, { type: 'fail', code: 'seal-failed', message: 'no' }]);
    assert.equal(failed.error?.retryStep, 'review');
    assert.equal(transition(failed, { type: 'retry' }).step, 'review');
  });

  test('the sending step can be cancelled back to review, the recording kept; nowhere else', () => {
    const cancelled = run([...toReview, { type: 'send' }, { type: 'cancel-send' }]);
    assert.equal(cancelled.step, 'review');
    assert.equal(cancelled.hasPayload, true);
    assert.equal(transition(cancelled, { type: 'send' }).step, 'sending');
    const review = run(toReview);
    assert.equal(transition(review, { type: 'cancel-send' }), review, 'cancel-send outside sending is ignored');
  });

  test('a camera that ends or never starts retries the camera and keeps no recording', () => {
    for (const code of ['camera-ended', 'camera-timeout'] as const) {
      const during = run([...toReview.slice(0, 4), { type: 'fail', code, message: 'gone' }]);
      assert.equal(during.step, 'error', code);
      assert.equal(during.hasPayload, false, `${code}: nothing recorded is kept`);
      assert.equal(during.error?.retryStep, 'camera', code);
    }
  });
  test('a rejected upload or an expired challenge needs a new recording', () => {
    for (const code of ['upload-rejected', 'challenge-expired'] as const) {
      const failed = run([...toReview, { type: 'send' }, { type: 'fail', code, message: 'no', serverCode: 'trace-invalid' }]);
      assert.equal(failed.hasPayload, false, code);
      assert.equal(failed.error?.retryStep, 'camera', code);
      assert.equal(transition(failed, { type: 'retry' }).step, 'camera');
    }
    const rejected = run([...toReview, { type: 'send' }, { type: 'fail', code: 'upload-rejected', message: 'no', serverCode: 'trace-invalid' }]);
    assert.equal(rejected.error?.serverCode, 'trace-invalid');
  });

  test('a session the server says is used retries from the notice with a new session, not the camera', () => {
    const used = run([...toReview, { type: 'send' }, { type: 'fail', code: 'upload-rejected', message: 'no', serverCode: 'session-used' }]);
    assert.equal(used.error?.retryStep, 'consent');
    const retried = transition(used, { type: 'retry' });
    assert.equal(retried.step, 'consent');
    assert.equal(retried.loading, true, 'a new session is loaded');
    assert.equal(retried.manifest, null);
  });

  test('camera errors retry the camera; session errors reload the notice', () => {
    const camera = run([loaded, { type: 'agree' }, { type: 'fail', code: 'camera-denied', message: 'no' }]);
    assert.equal(camera.error?.retryStep, 'camera');
    assert.equal(transition(camera, { type: 'retry' }).step, 'camera');
    const session = transition(INITIAL_STATE, { type: 'fail', code: 'session-unavailable', message: 'down' });
    const reloaded = transition(session, { type: 'retry' });
    assert.equal(reloaded.step, 'consent');
    assert.equal(reloaded.loading, true);
    assert.equal(reloaded.manifest, null);
  });

  test('configuration errors offer no retry', () => {
    for (const code of ['manifest-missing', 'manifest-invalid', 'config-invalid', 'camera-unsupported', 'recorder-unsupported'] as const) {
      const failed = transition(INITIAL_STATE, { type: 'fail', code, message: 'bad' });
      assert.equal(failed.error?.retryStep, null, code);
      assert.equal(transition(failed, { type: 'retry' }), failed, code);
    }
  });

  test('every widget error code has a retry decision', () => {
    for (const code of WIDGET_ERROR_CODES) {
      const target = retryStepFor(code, true);
      assert.ok(target === null || (STEPS as readonly string[]).includes(target), code);
    }
  });

  test('failures after the end are ignored', () => {
    const done = run([...toReview, { type: 'send' }, { type: 'sent', receipt }]);
    assert.equal(transition(done, { type: 'fail', code: 'upload-failed', message: 'late' }), done);
  });

  test('send needs a recording', () => {
    const review = run(toReview);
    assert.equal(transition({ ...review, hasPayload: false }, { type: 'send' }).step, 'review');
  });

  test('usesCamera covers exactly the camera steps', () => {
    assert.deepEqual(STEPS.filter(usesCamera), ['camera', 'guidance', 'capture']);
  });
});

describe('flow timing decisions', () => {
  test('recording starts only while the capture window has room for the recorder to start', () => {
    assert.equal(beforeRecording(60_000), 'record');
    assert.equal(beforeRecording(RECORDER_START_MARGIN_MS), 'record');
    assert.equal(beforeRecording(RECORDER_START_MARGIN_MS - 1), 'renew-challenge');
    assert.equal(beforeRecording(-5_000), 'renew-challenge', 'a window that closed during guidance');
  });

  test('a recording reviewed for minutes is still sent; only past the submission window is it expired', () => {
    // A 120 s capture window + 5 s clip + 600 s review: 9 minutes into the review there are ~3 min left.
    assert.equal(beforeSending(725_000 - (120_000 + 5_000 + 540_000)), 'send');
    assert.equal(beforeSending(SUBMIT_MARGIN_MS + 1), 'send');
    assert.equal(beforeSending(SUBMIT_MARGIN_MS), 'expired');
    assert.equal(beforeSending(-1), 'expired');
  });

  test('an expired session token or a changed server notice loads a new session; other refusals fail', () => {
    assert.equal(onChallengeRefused('session-expired'), 'renew-session');
    assert.equal(onChallengeRefused('consent-invalid'), 'renew-session');
    for (const code of ['session-invalid', 'invalid-argument', 'storage-failed', undefined]) assert.equal(onChallengeRefused(code), 'fail', String(code));
  });

  test('a renewed session continues only with the very notice the person agreed to', () => {
    assert.equal(afterSessionRenewed('hashA', 'hashA'), 'continue');
    assert.equal(afterSessionRenewed('hashA', 'hashB'), 'notice-changed');
  });

  test('"the notice changed" (session-invalid) retries from a freshly loaded notice', () => {
    const failed = run([loaded, { type: 'agree' }, { type: 'fail', code: 'session-invalid', message: 'The notice changed' }]);
    const retried = transition(failed, { type: 'retry' });
    assert.equal(retried.step, 'consent');
    assert.equal(retried.loading, true);
    assert.equal(retried.manifest, null, 'the old notice is not shown again');
  });
});

describe('a submission resumed from the outbox', () => {
  test('is sent from the notice once the session loaded, without camera or review, and ends on its receipt', () => {
    assert.equal(transition(INITIAL_STATE, { type: 'resume' }), INITIAL_STATE, 'not before the session loaded');
    const sending = run([loaded, { type: 'resume' }]);
    assert.equal(sending.step, 'sending');
    assert.equal(sending.resumed, true);
    assert.equal(sending.hasPayload, true);
    const done = transition(sending, { type: 'sent', receipt });
    assert.equal(done.step, 'done');
    assert.equal(done.receipt, receipt);
  });

  test('its Cancel ends the session (declined, cancelled): there is no recording to go back to', () => {
    const cancelled = run([loaded, { type: 'resume' }, { type: 'cancel-send' }]);
    assert.equal(cancelled.step, 'declined');
    assert.equal(cancelled.declineReason, 'cancelled');
    // A submission of this visit goes back to its review instead.
    assert.equal(run([...toReview, { type: 'send' }, { type: 'cancel-send' }]).step, 'review');
  });

  test('refused or too old, its retry is a new session from the notice, not a camera for the old one', () => {
    for (const code of ['upload-rejected', 'challenge-expired'] as const) {
      const failed = run([loaded, { type: 'resume' }, { type: 'fail', code, message: 'no' }]);
      assert.equal(failed.error?.retryStep, 'consent', code);
      const retried = transition(failed, { type: 'retry' });
      assert.equal(retried.step, 'consent');
      assert.equal(retried.loading, true);
      assert.equal(retried.resumed, false);
    }
  });

  test('an expired one is noted on the notice, and only there', () => {
    assert.equal(run([loaded, { type: 'pending-expired' }]).pendingExpired, true);
    const camera = run([loaded, { type: 'agree' }]);
    assert.equal(transition(camera, { type: 'pending-expired' }), camera);
  });
});

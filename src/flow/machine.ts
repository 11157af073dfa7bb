/**
 * The verification session as a pure state machine: which step the person is on and what each
 * event leads to. No DOM, no I/O, so every path (including the unhappy ones) is tested in Node;
 * the controller that performs the side effects only ever asks this machine where to go.
 */
import type { WidgetErrorCode } from '../shared/errors.js';
import type { LivenessDecision } from '../shared/liveness-decision.js';
import type { ConsentManifest, VerificationMode } from '../shared/manifest.js';
import type { SubmissionReceipt } from '../shared/wire.js';

/** The steps, in the order a successful session visits them, then the two ends that are not success. */
export const STEPS = [
  'consent', 'camera', 'guidance', 'capture', 'review', 'sending', 'done', 'declined', 'error',
] as const;
export type Step = (typeof STEPS)[number];

/** Why a session ended without a submission. */
export type DeclineReason = 'declined' | 'cancelled';

export interface FlowError {
  code: WidgetErrorCode;
  message: string;
  /** The step a retry goes back to; null when retrying cannot help (a configuration error). */
  retryStep: Step | null;
  /** The server's error code when it refused a submission. */
  serverCode?: string;
}

export interface FlowState {
  step: Step;
  mode: VerificationMode | null;
  /** The notice being shown; null until the session (or the `manifest` property) supplies it. */
  manifest: ConsentManifest | null;
  /** True while the consent step waits for the session response. */
  loading: boolean;
  error: FlowError | null;
  declineReason: DeclineReason | null;
  receipt: SubmissionReceipt | null;
  /** Whether a recorded payload is held (so a failed upload can be retried without recording again). */
  hasPayload: boolean;
  /** Recordings made in this session, retakes included. */
  attempts: number;
  /**
   * The device's liveness decision on the latest recording: passed (shown on the review) or failed
   * (shown on the guidance step, saying what to redo).
   */
  decision: LivenessDecision | null;
  /** Recordings of this session whose liveness check failed. */
  failedChecks: number;
  /**
   * Embedding mode: why no face template could be made from the latest take (shown on the guidance
   * step, saying what to do differently); null otherwise.
   */
  templateProblem: TemplateProblem | null;
  /** The submission being sent was sealed on an earlier visit and found in the outbox. */
  resumed: boolean;
  /** A submission of an earlier visit was found too old to be accepted and was removed (the consent step says so). */
  pendingExpired: boolean;
}

/** Why a take gave no template: too few frontal, open-eyed frames, or frames of different faces. */
export type TemplateProblem = 'too-few-frames' | 'frames-disagree' | 'not-finite';

export type FlowEvent =
  | { type: 'session-loaded'; manifest: ConsentManifest; mode: VerificationMode }
  | { type: 'agree' }
  | { type: 'decline' }
  | { type: 'camera-ready' }
  | { type: 'guidance-steady' }
  | { type: 'capture-lost' }
  /** The recording passed the device's liveness check. */
  | { type: 'capture-done'; decision: LivenessDecision }
  /** The recording failed it; `final` when no attempt is left (then the host's alternative is offered). */
  | { type: 'check-failed'; decision: LivenessDecision; final: boolean }
  /** Embedding mode: the take passed the script but gave no template; it is taken again. */
  | { type: 'template-failed'; problem: TemplateProblem }
  | { type: 'retake' }
  /** A submission sealed on an earlier visit waits in the outbox: send it now. */
  | { type: 'resume' }
  /** Submissions of an earlier visit were too old to be accepted and were removed. */
  | { type: 'pending-expired' }
  | { type: 'send' }
  | { type: 'sent'; receipt: SubmissionReceipt }
  /** The person stopped a running upload: back to review, the sealed submission kept. */
  | { type: 'cancel-send' }
  | { type: 'cancel' }
  | { type: 'fail'; code: WidgetErrorCode; message: string; serverCode?: string }
  | { type: 'retry' };

export const INITIAL_STATE: FlowState = {
  step: 'consent',
  mode: null,
  manifest: null,
  loading: true,
  error: null,
  declineReason: null,
  receipt: null,
  hasPayload: false,
  attempts: 0,
  decision: null,
  failedChecks: 0,
  templateProblem: null,
  resumed: false,
  pendingExpired: false,
};

/** Steps from which the person may cancel: the camera may be on, nothing has been sent. */
const CANCELLABLE: ReadonlySet<Step> = new Set(['camera', 'guidance', 'capture', 'review']);

/** Where a retry after each error goes. Configuration errors have no retry: the host must fix them. */
export function retryStepFor(code: WidgetErrorCode, hasPayload: boolean): Step | null {
  switch (code) {
    case 'session-unavailable':
    case 'session-invalid':
      return 'consent';
    case 'camera-denied':
    case 'camera-not-found':
    case 'camera-busy':
    case 'camera-overconstrained':
    case 'camera-ended':
    case 'camera-timeout':
    case 'model-missing':
    case 'model-integrity':
    case 'vision-failed':
    case 'embedding-failed':
      return 'camera';
    case 'recorder-unsupported':
    case 'liveness-failed':
      return null;
    case 'recording-failed':
    case 'challenge-expired':
      return 'camera';
    case 'seal-failed':
      return hasPayload ? 'review' : 'camera';
    case 'upload-failed':
      // The sealed submission is kept: a retry sends the very same bytes again, at once.
      return hasPayload ? 'sending' : 'camera';
    case 'upload-rejected':
      return 'camera';
    case 'camera-unsupported':
    case 'manifest-missing':
    case 'manifest-invalid':
    case 'config-invalid':
      return null;
  }
}

/**
 * The next state for an event. Events that make no sense in the current step (a late "sent" after a
 * cancel, a double click on "agree") leave the state unchanged rather than throwing: the controller's
 * asynchronous work may finish after the person has moved on.
 */
export function transition(state: FlowState, event: FlowEvent): FlowState {
  const { step } = state;
  switch (event.type) {
    case 'session-loaded':
      if (step !== 'consent') return state;
      return { ...state, loading: false, manifest: event.manifest, mode: event.mode };
    case 'agree':
      if (step !== 'consent' || state.loading || !state.manifest) return state;
      return { ...state, step: 'camera' };
    case 'decline':
      if (step !== 'consent' || !state.manifest) return state;
      return { ...state, step: 'declined', declineReason: 'declined' };
    case 'camera-ready':
      return step === 'camera' ? { ...state, step: 'guidance' } : state;
    case 'guidance-steady':
      return step === 'guidance' ? { ...state, step: 'capture', attempts: state.attempts + 1 } : state;
    case 'capture-lost':
      return step === 'capture' ? { ...state, step: 'guidance' } : state;
    case 'capture-done':
      return step === 'capture' ? { ...state, step: 'review', hasPayload: true, decision: event.decision, templateProblem: null } : state;
    case 'check-failed': {
      if (step !== 'capture') return state;
      const failedChecks = state.failedChecks + 1;
      if (!event.final) return { ...state, step: 'guidance', decision: event.decision, failedChecks, templateProblem: null };
      const error: FlowError = { code: 'liveness-failed', message: 'The liveness check did not pass on any of the attempts allowed.', retryStep: null };
      return { ...state, step: 'error', decision: event.decision, failedChecks, error, templateProblem: null };
    }
    case 'template-failed':
      // Not a failed liveness check (the person did what was asked): it does not use up an attempt.
      return step === 'capture' ? { ...state, step: 'guidance', decision: null, templateProblem: event.problem } : state;
    case 'resume':
      if (step !== 'consent' || state.loading || !state.manifest) return state;
      return { ...state, step: 'sending', hasPayload: true, resumed: true };
    case 'pending-expired':
      return step === 'consent' ? { ...state, pendingExpired: true } : state;
    case 'retake':
      return step === 'review' ? { ...state, step: 'camera', hasPayload: false, decision: null } : state;
    case 'send':
      return step === 'review' && state.hasPayload ? { ...state, step: 'sending' } : state;
    case 'sent':
      if (step !== 'sending') return state;
      return { ...state, step: 'done', receipt: event.receipt, hasPayload: false };
    case 'cancel-send':
      if (step !== 'sending') return state;
      // A resumed submission has no recording to go back to: stopping it ends the session.
      return state.resumed ? { ...state, step: 'declined', declineReason: 'cancelled', hasPayload: false } : { ...state, step: 'review' };
    case 'cancel':
      if (!CANCELLABLE.has(step) && !(step === 'error' && state.manifest)) return state;
      return { ...state, step: 'declined', declineReason: 'cancelled', hasPayload: false };
    case 'fail': {
      if (step === 'done' || step === 'declined') return state;
      const hasPayload = state.hasPayload && event.code !== 'upload-rejected' && event.code !== 'challenge-expired';
      // A used session cannot take another recording: only a new session (the notice again) can.
      // Nor can a submission of an earlier visit that failed: this page's notice is agreed to anew.
      const freshSession = (event.code === 'upload-rejected' && event.serverCode === 'session-used') || (state.resumed && retryStepFor(event.code, hasPayload) !== null);
      const retryStep = freshSession ? 'consent' : retryStepFor(event.code, hasPayload);
      const error: FlowError = {
        code: event.code,
        message: event.message,
        retryStep,
        ...(event.serverCode ? { serverCode: event.serverCode } : {}),
      };
      return { ...state, step: 'error', loading: false, error, hasPayload };
    }
    case 'retry': {
      if (step !== 'error' || !state.error?.retryStep) return state;
      const target = state.error.retryStep;
      const reloading = target === 'consent';
      return {
        ...state,
        step: target,
        error: null,
        loading: reloading,
        resumed: reloading ? false : state.resumed,
        manifest: reloading ? null : state.manifest,
        hasPayload: target === 'review' || target === 'sending' ? state.hasPayload : false,
      };
    }
  }
}

/** True once the session has ended and the camera must be off for good. */
export function isFinal(step: Step): boolean {
  return step === 'done' || step === 'declined';
}

/** True for the steps in which the camera is (or is being) switched on. */
export function usesCamera(step: Step): boolean {
  return step === 'camera' || step === 'guidance' || step === 'capture';
}

// ---- timing decisions (the controllers measure, these decide) ----------------------------------

/** Kept free before the capture window closes: the recorder takes a moment to start. */
export const RECORDER_START_MARGIN_MS = 3_000;
/**
 * Kept free before the submission window closes: the upload's own travel time, and the server's
 * `iat` being rounded down to the second.
 */
export const SUBMIT_MARGIN_MS = 10_000;

/**
 * Right before the recorder starts: record now, or first fetch a new challenge because the capture
 * window would close (a long model load or guidance). Nothing is lost: nothing was recorded yet.
 */
export function beforeRecording(captureRemainingMs: number): 'record' | 'renew-challenge' {
  return captureRemainingMs >= RECORDER_START_MARGIN_MS ? 'record' : 'renew-challenge';
}

/**
 * Right before an upload: only past the submission window is the recording really too old. The
 * person may have watched the review for minutes; that alone never discards it.
 */
export function beforeSending(submitRemainingMs: number): 'send' | 'expired' {
  return submitRemainingMs > SUBMIT_MARGIN_MS ? 'send' : 'expired';
}

/**
 * The challenge endpoint refused the session token: a token that aged while the person read the
 * notice (`session-expired`), or a notice that changed meanwhile (`consent-invalid`), is answered by
 * loading a new session; anything else is an error.
 */
export function onChallengeRefused(serverCode: string | undefined): 'renew-session' | 'fail' {
  return serverCode === 'session-expired' || serverCode === 'consent-invalid' ? 'renew-session' : 'fail';
}

/** After a new session was loaded: go on only if its notice is the one the person agreed to. */
export function afterSessionRenewed(shownNoticeHash: string, newNoticeHash: string): 'continue' | 'notice-changed' {
  return shownNoticeHash === newNoticeHash ? 'continue' : 'notice-changed';
}

/**
 * The coordinator of one verification: it turns the person's actions and the controllers' reports
 * into machine events, asks the pure machine (`machine.ts`) where each leads, and on entering a step
 * tells the three lifecycle controllers what to do — session (notice, challenge, clock), capture
 * (camera, worker, recording, trace) and submission (seal once, keep, upload). Each of those owns its
 * own runs and aborts them when the element leaves the DOM.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
export { DEFAULT_TIMEOUTS, type FlowCallbacks, type FlowConfig, type FlowTimeouts } from './config.js';
import { FaceVerifyError } from '../shared/errors.js';
import type { SubmissionReceipt } from '../shared/wire.js';
import type { CancelledUpload } from './config.js';
import { buildTrace, TRACE_MAX_FRAMES } from '../shared/trace.js';
import { decideLiveness } from '../liveness/decide.js';
import { framesOfTrace } from '../liveness/frames.js';
import { DEFAULT_SIGNAL_POLICY } from '../liveness/injection-signals.js';
import { DEFAULT_LIVENESS_THRESHOLDS } from '../liveness/thresholds.js';
import type { LivenessDecision } from '../shared/liveness-decision.js';
import type { LivenessScript } from '../shared/liveness-script.js';
import type { LivenessView } from './liveness-run.js';
import { UploadRejectedError } from '../transport/upload.js';
import { CaptureController, type Recording } from './capture-controller.js';
import type { FlowCallbacks, FlowConfig } from './config.js';
import { failureEvent } from './failure.js';
import type { GuidanceView } from './guidance-view.js';
import { beforeRecording, beforeSending, INITIAL_STATE, transition, type FlowEvent, type FlowState, type Step } from './machine.js';
import type { FlowMetrics } from './metrics.js';
import { isAbortError, RunScope, type Run } from './run-scope.js';
import { SessionController, type Challenge } from './session-controller.js';
import { SubmissionController, type SendOptions } from './submission-controller.js';
import { browserDelivery, type BrowserDelivery } from '../transport/browser-delivery.js';
import type { DeliveryStatus } from '../transport/delivery.js';
import { outboxUrl } from '../transport/outbox.js';

/** What the review step shows. */
export interface ReviewContent {
  /** Clip mode: the clip's size and type. */
  bytes: number;
  mimeType: string;
  durationMs: number;
  /** Trace rows sent. */
  frames: number;
  /** Embedding mode: the aligned face crops (150·150·3 RGB) the template was made from. */
  chips: Uint8Array[];
  /** Embedding mode: how many numbers the template has (128); 0 in clip mode. */
  templateNumbers: number;
}

export class VerificationController implements ReactiveController {
  state: FlowState = INITIAL_STATE;
  readonly metrics: FlowMetrics = {};
  /**
   * After a Cancel that came once an upload had begun: 'checking' while the kept bytes are sent once
   * more to learn whether the server already holds them, then the receipt when it does. The person
   * is told the truth — "it had already arrived, here is how to erase it" — not "nothing was sent".
   */
  cancelledUpload: CancelledUpload | null = null;
  /** While sending: the attempt running, or the wait for the next one or for the network. */
  delivery: DeliveryStatus | null = null;
  /** The outbox entry being resumed: when it was sealed. */
  resumedFrom: { sealedAt: number } | null = null;

  readonly #host: ReactiveControllerHost;
  readonly #config: () => FlowConfig;
  readonly #on: FlowCallbacks;
  readonly #session: SessionController;
  readonly #capture: CaptureController;
  readonly #submission: SubmissionController;
  readonly #delivery: BrowserDelivery;
  /** One run per step entered; entering the next step aborts it. */
  readonly #steps = new RunScope();
  #agreedAt = 0;
  /** The challenge the held recording was made under, and when it started on that challenge's clock. */
  #recordedUnder: { challenge: Challenge; startedAfterMs: number } | null = null;
  /** Challenges a recording has started under: each script is played once. */
  readonly #usedChallenges = new Set<string>();

  constructor(host: ReactiveControllerHost, config: () => FlowConfig, callbacks: FlowCallbacks) {
    this.#host = host;
    this.#config = config;
    this.#on = callbacks;
    this.#session = new SessionController(host, () => {
      const c = config();
      return { sessionUrl: c.sessionUrl, headers: c.headers, manifest: c.manifest, sessionTimeoutMs: c.timeouts.sessionMs, challengeTimeoutMs: c.timeouts.challengeMs, languages: c.languages };
    });
    this.#capture = new CaptureController(
      host,
      () => {
        const c = config();
        return { mode: this.state.mode ?? 'clip', assetsBase: c.assetsBase, delegate: c.delegate, cameraId: c.cameraId, cameraTimeoutMs: c.timeouts.cameraMs, agreedAt: this.#agreedAt };
      },
      {
        ready: () => this.#dispatch({ type: 'camera-ready' }),
        steady: () => this.#dispatch({ type: 'guidance-steady' }),
        lost: () => this.#dispatch({ type: 'capture-lost' }),
        recorded: (recording) => this.#recorded(recording),
        checkFailed: (reason) => this.#judged({ level: 'failed', reasons: [reason], flags: [], actions: [], colour: null, signals: [] }),
        templateFailed: (problem) => this.#dispatch({ type: 'template-failed', problem }),
        failed: (error) => this.#fail(error),
      },
      this.metrics,
    );
    this.#delivery = browserDelivery();
    this.#submission = new SubmissionController(host, this.metrics, this.#delivery);
    host.addController(this);
  }

  hostConnected(): void {
    if (this.state.step === 'consent' && this.state.loading) this.#loadSession();
  }

  hostDisconnected(): void {
    // The lifecycle controllers stop themselves; a reconnected element starts again from the notice.
    this.#steps.abort('disconnected');
    this.#delivery.close();
    this.#recordedUnder = null;
    this.state = INITIAL_STATE;
    this.#host.requestUpdate();
  }

  get guidance(): GuidanceView {
    return this.#capture.guidance;
  }

  get stream(): MediaStream | null {
    return this.#capture.stream;
  }

  get clipUrl(): string | null {
    return this.#submission.clipUrl;
  }

  /**
   * What the review step describes: the recorded clip (clip mode) or the face crops the template
   * was made from (embedding mode; they stay on the device), and the size of the landmark summary.
   */
  get review(): ReviewContent {
    const r = this.#submission.recording;
    return {
      bytes: r?.clip?.bytes.length ?? 0,
      mimeType: r?.clip?.mimeType ?? '',
      durationMs: r?.durationMs ?? 0,
      frames: Math.min(r?.samples.length ?? 0, TRACE_MAX_FRAMES),
      chips: r?.face?.chips.map((c) => c.rgb) ?? [],
      templateNumbers: r?.face?.template.length ?? 0,
    };
  }

  attachVideo(video: HTMLVideoElement | null): void {
    this.#capture.attachVideo(video);
  }

  // ---- the person's actions -------------------------------------------------------------------

  agree(): void {
    if (this.state.step !== 'consent' || this.state.loading || !this.#session.session) return;
    this.#agreedAt = performance.now();
    this.#on.consent(this.#session.agree());
    this.#dispatch({ type: 'agree' });
  }

  decline = (): void => this.#dispatch({ type: 'decline' });
  cancel = (): void => this.#dispatch({ type: 'cancel' });
  retake = (): void => this.#dispatch({ type: 'retake' });
  send = (): void => this.#dispatch({ type: 'send' });
  retry = (): void => this.#dispatch({ type: 'retry' });
  /** The sending step's Cancel: stops the upload, back to review with the sealed submission kept. */
  cancelSend = (): void => this.#dispatch({ type: 'cancel-send' });
  /** The sending step's "Try now": the next attempt at once instead of after the wait. */
  tryNow = (): void => this.#submission.tryNow();

  /** Switches to another camera (from the picker) without leaving the step. */
  switchCamera(): void {
    if (this.state.step === 'guidance') this.#capture.switchCamera();
  }

  // ---- the machine ------------------------------------------------------------------------------

  #dispatch(event: FlowEvent): void {
    const previous = this.state;
    const next = transition(previous, event);
    if (next === previous) return;
    this.state = next;
    if (next.step !== previous.step) this.#enter(next.step, previous.step);
    this.#host.requestUpdate();
    if (next.step !== previous.step) this.#on.step(next.step, previous.step);
    // Every way into the error step is announced, the last failed liveness check included: hosts
    // listen for face-verify-error to show their alternative.
    const entered = event.type === 'fail' || (next.step === 'error' && previous.step !== 'error');
    if (entered && next.error) this.#on.error(next.error.code, next.error.message, next.error.serverCode);
  }

  #fail(error: unknown): void {
    const event = failureEvent(error);
    if (event) this.#dispatch(event);
  }

  #enter(step: Step, previous: Step): void {
    this.#steps.abort('left');
    this.delivery = null;
    switch (step) {
      case 'consent':
        this.#capture.stop();
        this.#submission.forget();
        if (this.state.loading) this.#loadSession();
        break;
      case 'camera':
        this.#submission.discard();
        this.#recordedUnder = null;
        this.#startCamera();
        break;
      case 'guidance':
        if (previous === 'capture') this.#capture.abandon();
        break;
      case 'capture':
        this.#record();
        break;
      case 'review':
        if (previous === 'capture') this.#capture.stopCamera();
        // Cancel while sending: the upload itself is aborted, the sealed submission kept.
        if (previous === 'sending') this.#submission.cancel();
        break;
      case 'sending':
        this.#send();
        break;
      case 'done':
        this.#capture.stop();
        this.#submission.forget();
        this.#session.reset();
        this.#recordedUnder = null;
        break;
      case 'declined':
        this.#capture.stop();
        this.#recordedUnder = null;
        if (this.#submission.unacknowledged && this.#session.session) this.#checkCancelledUpload();
        else this.#endDeclined(null);
        break;
      case 'error':
        this.#capture.stop();
        if (!this.state.hasPayload) this.#submission.discard();
        break;
    }
  }

  // ---- effects ----------------------------------------------------------------------------------

  #loadSession(): void {
    void this.#steps.run(async (run) => {
      const manifest = await run.settle(this.#session.load());
      this.#dispatch({ type: 'session-loaded', manifest, mode: this.#session.session!.mode });
      await this.#resumePending(run);
    }, (error) => this.#fail(error));
  }

  /**
   * A submission an earlier visit sealed and could not deliver (the tab closed, the network went):
   * finish sending it. The person agreed and reviewed it then; the notice says it is kept until
   * delivered. One too old to be accepted is gone, and the person is told.
   */
  async #resumePending(run: Run): Promise<void> {
    const outbox = await run.settle(this.#delivery.outbox());
    if (!outbox) return;
    const submitUrl = outboxUrl(this.#session.resolve(this.#session.session!.submitUrl));
    let found;
    try {
      found = await run.settle(outbox.take(submitUrl, Date.now()));
    } catch (error) {
      if (isAbortError(error)) throw error;
      return; // An unreadable outbox is an empty one: the page works as without it.
    }
    if (found.expired.length) this.#dispatch({ type: 'pending-expired' });
    const entry = found.pending[0];
    if (!entry) return;
    this.#submission.adopt(entry);
    this.resumedFrom = { sealedAt: entry.sealedAt };
    this.#dispatch({ type: 'resume' });
  }

  /** A fresh challenge for every camera start (first, retake, retry), then camera and worker. */
  #startCamera(): void {
    void this.#steps.run(async (run) => {
      await run.settle(this.#session.renewChallenge(run.signal));
      this.#capture.start();
    }, (error) => this.#fail(error));
  }

  #record(): void {
    if (!this.#session.challenge) return this.#fail(new FaceVerifyError('session-invalid', 'No capture challenge: start again.'));
    this.#capture.record({
      thresholds: DEFAULT_LIVENESS_THRESHOLDS,
      // Never start recording on a challenge whose capture window is about to close, nor on one a
      // recording already started under (a failed or abandoned take showed its script): get a new
      // one first. Nothing has been recorded yet, so nothing is lost.
      beforeStart: async (signal) => {
        const current = this.#session.challenge!;
        const used = this.#usedChallenges.has(current.token);
        if (used || beforeRecording(current.clock.captureRemainingMs(performance.now())) === 'renew-challenge') {
          await this.#session.renewChallenge(signal);
        }
        const challenge = this.#session.challenge!;
        return { durationMs: challenge.claims.clipMs, script: challenge.claims.liveness };
      },
      onStart: (t) => {
        const current = this.#session.challenge!;
        this.#usedChallenges.add(current.token);
        this.#recordedUnder = { challenge: current, startedAfterMs: current.clock.elapsedMs(t) };
      },
    });
  }

  /** Sends the unacknowledged submission once more: an identical retry answers with its receipt if stored. */
  #checkCancelledUpload(): void {
    const session = this.#session.session!;
    const { headers, timeouts } = this.#config();
    this.cancelledUpload = { state: 'checking' };
    this.#host.requestUpdate();
    void this.#steps.run(async (run) => {
      let receipt: SubmissionReceipt | null;
      try {
        receipt = await run.settle(this.#submission.recoverUnanswered({ url: this.#session.resolve(session.submitUrl), headers, timeoutMs: timeouts.uploadMs }));
      } catch {
        // The server could not be asked: say so, rather than "nothing was sent".
        return this.#endDeclined(null, true);
      }
      this.#endDeclined(receipt);
    }, () => this.#endDeclined(null, true));
  }

  #endDeclined(receipt: SubmissionReceipt | null, unknown = false): void {
    this.cancelledUpload = receipt ? { state: 'stored', receipt } : unknown ? { state: 'unknown' } : null;
    this.#submission.forget();
    this.#session.reset();
    this.#host.requestUpdate();
    this.#on.declined(this.state.declineReason ?? 'declined', receipt ?? undefined);
  }

  /** The device's own liveness decision on a finished recording; only a passed one is kept for review. */
  #recorded(recording: Recording): void {
    if (this.state.step !== 'capture' || !this.#recordedUnder) return;
    const decision = decideLiveness({
      script: this.#recordedUnder.challenge.claims.liveness,
      report: recording.liveness,
      frames: framesOfTrace(buildTrace(recording.samples)),
      signals: recording.signals,
      durationMs: Math.round(recording.durationMs),
      thresholds: DEFAULT_LIVENESS_THRESHOLDS,
      policy: DEFAULT_SIGNAL_POLICY,
    });
    if (decision.level === 'failed') return this.#judged(decision);
    this.#submission.hold(recording);
    this.#on.liveness(decision, this.state.attempts, this.#attemptsLeft(0));
    this.#dispatch({ type: 'capture-done', decision });
  }

  /** A failed check: back to guidance to try again, or, with no attempt left, the alternative. */
  #judged(decision: LivenessDecision): void {
    if (this.state.step !== 'capture') return;
    this.#recordedUnder = null;
    const left = this.#attemptsLeft(1);
    this.#on.liveness(decision, this.state.attempts, left);
    this.#dispatch({ type: 'check-failed', decision, final: left === 0 });
  }

  /** Recordings still allowed once `more` further failures are counted. */
  #attemptsLeft(more: number): number {
    return Math.max(0, this.#config().maxAttempts - this.state.failedChecks - more);
  }

  /** The person asks for (or leaves) the path without flashes and with minimal motion. */
  setReducedPath(reduced: boolean): void {
    if (!this.#session.session?.liveness?.reducedPath && reduced) return;
    const path = reduced ? 'reduced' : 'standard';
    if (this.#session.path === path) return;
    this.#session.path = path;
    this.#host.requestUpdate();
    // A challenge for the other path is fetched before the next recording.
    if (this.state.step === 'guidance' || this.state.step === 'camera') {
      void this.#steps.run((run) => this.#session.renewChallenge(run.signal).then(() => undefined), (error) => this.#fail(error));
    }
  }

  /** The path the next recording uses, and whether the session offers the reduced one. */
  get path(): { current: 'standard' | 'reduced'; reducedOffered: boolean } {
    return { current: this.#session.path, reducedOffered: this.#session.session?.liveness?.reducedPath === true };
  }

  /** What the liveness script shows now, while recording. */
  get liveness(): LivenessView | null {
    return this.#capture.liveness;
  }

  /** The script of the current challenge (for the warning before the colours). */
  get script(): LivenessScript | null {
    return this.#session.challenge?.claims.liveness ?? null;
  }

  #send(): void {
    void this.#steps.run(async (run) => {
      const under = this.#recordedUnder;
      const session = this.#session.session;
      const key = this.#session.key;
      // A resumed submission was sealed on an earlier visit: nothing of this page's session goes into it.
      const resumed = this.state.resumed && this.#submission.sealed !== null;
      if (!session || (!resumed && (!under || !key))) throw new FaceVerifyError('seal-failed', 'Nothing to send: record again.');
      // Once sealed, the bytes may already be stored: only the server can say they are too late.
      if (!this.#submission.sealed && beforeSending(under!.challenge.clock.submitRemainingMs(performance.now())) === 'expired') {
        throw new FaceVerifyError('challenge-expired', 'This recording is older than the time allowed to send it. Record again.');
      }
      const sendOptions = (): SendOptions => {
        const { headers, timeouts } = this.#config();
        return { url: this.#session.resolve(session.submitUrl), headers, timeoutMs: timeouts.uploadMs };
      };
      const onStatus = (status: DeliveryStatus): void => {
        if (!run.live) return;
        this.delivery = status;
        this.#host.requestUpdate();
        this.#on.delivery(status, this.state.resumed);
      };
      const receipt = await run.settle(this.#submission.send(
        () => ({ challenge: under!.challenge, key: key!, consent: this.#session.consentReceipt(), startedAfterMs: under!.startedAfterMs }),
        sendOptions,
        onStatus,
      ).catch(async (error: unknown) => {
        // The session already holds a submission: an earlier take whose answer never came. Its
        // receipt is what the person must get (it is what is stored), not a loop of refusals.
        if (!(error instanceof UploadRejectedError && error.serverCode === 'session-used')) throw error;
        return (await this.#submission.recoverUnanswered(sendOptions())) ?? Promise.reject(error);
      }));
      this.metrics.sessionMs = performance.now() - this.#agreedAt;
      this.#dispatch({ type: 'sent', receipt });
      this.#on.submitted(receipt);
    }, (error) => this.#fail(error));
  }
}

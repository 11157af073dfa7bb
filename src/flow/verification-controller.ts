/**
 * Performs the side effects of a verification session — session request, camera, vision worker,
 * recording, sealing, upload — and asks the pure machine (`machine.ts`) where each event leads.
 * It is a lit ReactiveController so that removing the element from the DOM ends everything: the
 * camera tracks stop, the worker is terminated, requests are aborted and object URLs revoked.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CameraController } from '../capture/camera-controller.js';
import { recordClip, type RecordedClip } from '../capture/clip-recorder.js';
import { createAttestationKey, type AttestationKey } from '../crypto/attestation-key.js';
import { canonicalHash } from '../shared/canonical-json.js';
import { FaceVerifyError, isFaceVerifyError, type WidgetErrorCode } from '../shared/errors.js';
import { validateManifest, type ConsentManifest } from '../shared/manifest.js';
import { buildTrace, TRACE_MAX_FRAMES, type FrameSample } from '../shared/trace.js';
import type { ChallengeClaims, ConsentReceipt, SessionResponse } from '../shared/wire.js';
import { requestSession } from '../transport/session-client.js';
import { uploadSubmission, UploadRejectedError } from '../transport/upload.js';
import type { FaceLandmarkerClient, FrameAnalysis, FramePump, GuidanceHold, GuidanceIssue } from '../vision/index.js';
import { ChallengeClock, readChallengeClaims } from './challenge-clock.js';
import { buildConsentReceipt } from './consent-receipt.js';
import { INITIAL_STATE, isFinal, transition, type FlowEvent, type FlowState, type Step } from './machine.js';
import { LatencyWindow, type FlowMetrics } from './metrics.js';

/** What the controller needs from the element, read when it is needed. */
export interface FlowConfig {
  sessionUrl: string;
  assetsBase: string;
  delegate: 'CPU' | 'GPU';
  /** A manifest given as a property; must match the server's when both exist. */
  manifest: ConsentManifest | null;
  headers: Record<string, string>;
  cameraId: string | null;
}

/** What the controller tells the element, which turns each into a DOM event. */
export interface FlowCallbacks {
  step(step: Step, previous: Step): void;
  consent(receipt: ConsentReceipt): void;
  declined(reason: 'declined' | 'cancelled'): void;
  submitted(receipt: NonNullable<FlowState['receipt']>): void;
  error(code: WidgetErrorCode, message: string, serverCode?: string): void;
}

export type { GuidanceIssue };

/** Live guidance for the oval and the message under it. */
export interface GuidanceView {
  issue: GuidanceIssue | null;
  /** 0..1: how far the steady hold (guidance) or the recording (capture) has come. */
  progress: number;
}

/** A challenge needs at least this much life left when the camera starts: guidance + 5 s + review. */
const MIN_CHALLENGE_LIFE_AT_START_MS = 60_000;
/** Capture restarts when the face is lost or a second face shows for this long. */
const CAPTURE_LOSS_TOLERANCE_MS = 1_000;

type Vision = typeof import('../vision/index.js');

export class VerificationController implements ReactiveController {
  state: FlowState = INITIAL_STATE;
  guidance: GuidanceView = { issue: null, progress: 0 };
  /** Object URL of the recorded clip while the review step shows it. */
  clipUrl: string | null = null;
  readonly metrics: FlowMetrics = {};

  private readonly host: ReactiveControllerHost;
  private readonly camera: CameraController;
  private readonly config: () => FlowConfig;
  private readonly on: FlowCallbacks;

  private key: AttestationKey | null = null;
  private session: SessionResponse | null = null;
  private claims: ChallengeClaims | null = null;
  private clock: ChallengeClock | null = null;
  private agreedAt: Date | null = null;
  private consentReceiptId: string | null = null;

  private vision: Vision | null = null;
  private client: FaceLandmarkerClient | null = null;
  private pump: FramePump | null = null;
  private hold: GuidanceHold | null = null;
  private video: HTMLVideoElement | null = null;
  private latencies = new LatencyWindow();

  private clip: RecordedClip | null = null;
  private samples: FrameSample[] = [];
  private recording: { started: boolean; startedAt: number; lostSince: number | null; abort: AbortController } | null = null;
  /** Aborted on every exit path; async work started under an older one must not touch state. */
  private run = new AbortController();
  private agreedAtMonotonic = 0;
  private firstFramePending = false;
  private cameraStartedAt = 0;

  constructor(host: ReactiveControllerHost, config: () => FlowConfig, callbacks: FlowCallbacks) {
    this.host = host;
    this.config = config;
    this.on = callbacks;
    this.camera = new CameraController(host);
    host.addController(this);
  }

  hostConnected(): void {
    if (this.state.step === 'consent' && this.state.loading) void this.loadSession();
  }

  hostDisconnected(): void {
    this.teardown({ keepVision: false, keepPayload: false });
    // A reconnected element starts again from the notice; nothing of this session survives.
    this.state = INITIAL_STATE;
    this.session = null;
  }

  /** The camera stream for the preview, while it is on. */
  get stream(): MediaStream | null {
    return this.camera.stream;
  }

  /** What the review step describes: the recorded clip and the size of its landmark summary. */
  get review(): { bytes: number; mimeType: string; durationMs: number; frames: number } {
    return {
      bytes: this.clip?.bytes.length ?? 0,
      mimeType: this.clip?.mimeType ?? '',
      durationMs: this.clip?.durationMs ?? 0,
      frames: Math.min(this.samples.length, TRACE_MAX_FRAMES),
    };
  }

  /** The element passes its <video> once it is rendered; frames are read from it. */
  attachVideo(video: HTMLVideoElement | null): void {
    if (this.video === video) return;
    this.video = video;
    if (video && this.camera.stream && video.srcObject !== this.camera.stream) video.srcObject = this.camera.stream;
  }

  // ---- the person's actions -------------------------------------------------------------------

  agree(): void {
    if (this.state.step !== 'consent' || !this.session) return;
    this.agreedAt = new Date();
    this.agreedAtMonotonic = performance.now();
    this.consentReceiptId = crypto.randomUUID();
    this.on.consent(this.consentReceipt());
    this.dispatch({ type: 'agree' });
  }

  decline(): void {
    this.dispatch({ type: 'decline' });
  }

  cancel(): void {
    this.dispatch({ type: 'cancel' });
  }

  retake(): void {
    this.dispatch({ type: 'retake' });
  }

  send(): void {
    this.dispatch({ type: 'send' });
  }

  retry(): void {
    this.dispatch({ type: 'retry' });
  }

  /** Switches to another camera (from the picker) without leaving the step. */
  async switchCamera(): Promise<void> {
    if (this.state.step !== 'guidance') return;
    this.pump?.stop();
    this.hold?.reset();
    await this.openCameraAndVision();
  }

  // ---- the machine ------------------------------------------------------------------------------

  private dispatch(event: FlowEvent): void {
    const previous = this.state;
    const next = transition(previous, event);
    if (next === previous) return;
    this.state = next;
    if (next.step !== previous.step) {
      this.enter(next.step, previous.step);
      this.on.step(next.step, previous.step);
    }
    if (event.type === 'fail' && next.error) this.on.error(next.error.code, next.error.message, next.error.serverCode);
    this.host.requestUpdate();
  }

  private fail(error: unknown): void {
    if (error instanceof DOMException && error.name === 'AbortError') return;
    if (error instanceof UploadRejectedError) {
      this.dispatch({ type: 'fail', code: 'upload-rejected', message: error.message, serverCode: error.serverCode });
    } else if (isFaceVerifyError(error)) {
      this.dispatch({ type: 'fail', code: error.code as WidgetErrorCode, message: error.message });
    } else {
      const message = error instanceof Error ? error.message : String(error);
      this.dispatch({ type: 'fail', code: 'vision-failed', message: `Unexpected failure: ${message}` });
    }
  }

  private enter(step: Step, previous: Step): void {
    switch (step) {
      case 'consent':
        if (this.state.loading) void this.loadSession();
        break;
      case 'camera':
        this.releasePayload();
        void this.startCamera(previous === 'error');
        break;
      case 'guidance':
        this.hold?.reset();
        this.guidance = { issue: null, progress: 0 };
        if (previous === 'capture') this.recording?.abort.abort();
        break;
      case 'capture':
        void this.capture();
        break;
      case 'review':
        break;
      case 'sending':
        void this.submit();
        break;
      case 'done':
        this.teardown({ keepVision: false, keepPayload: false });
        break;
      case 'declined':
        this.teardown({ keepVision: false, keepPayload: false });
        this.on.declined(this.state.declineReason ?? 'declined');
        break;
      case 'error':
        this.teardown({ keepVision: false, keepPayload: this.state.hasPayload });
        break;
    }
  }

  // ---- effects ----------------------------------------------------------------------------------

  private async loadSession(): Promise<void> {
    const signal = this.run.signal;
    try {
      await this.fetchSession(signal);
      if (signal.aborted) return;
      const manifest = this.resolveManifest(this.session!);
      this.dispatch({ type: 'session-loaded', manifest, mode: this.session!.mode });
    } catch (error) {
      if (!signal.aborted) this.fail(error);
    }
  }

  private async fetchSession(signal: AbortSignal): Promise<void> {
    const { sessionUrl, headers } = this.config();
    if (!sessionUrl) {
      throw new FaceVerifyError('config-invalid', 'Set the `session-url` attribute to your backend endpoint that calls createSession().');
    }
    this.key ??= await createAttestationKey();
    const session = await requestSession({ url: sessionUrl, jkt: this.key.thumbprint, headers, signal });
    let claims: ChallengeClaims;
    try {
      claims = readChallengeClaims(session.challenge);
    } catch (cause) {
      throw new FaceVerifyError('session-invalid', `The session's challenge cannot be read: ${(cause as Error).message}`, { cause });
    }
    if (claims.sid !== session.sessionId || claims.mode !== session.mode) {
      throw new FaceVerifyError('session-invalid', 'The session response and its challenge name different sessions or modes.');
    }
    this.session = session;
    this.claims = claims;
    this.clock = new ChallengeClock(claims, performance.now());
  }

  private resolveManifest(session: SessionResponse): ConsentManifest {
    const given = this.config().manifest;
    const candidate: unknown = given ?? session.manifest;
    if (candidate === undefined || candidate === null) {
      throw new FaceVerifyError('manifest-missing', 'No consent manifest: return `manifest` from createSession() or set the `manifest` property.');
    }
    const result = validateManifest(candidate);
    if (!result.ok) {
      throw new FaceVerifyError('manifest-invalid', `The consent manifest is incomplete: ${result.problems.join('; ')}.`);
    }
    if (given && session.manifest && canonicalHash(given) !== canonicalHash(session.manifest)) {
      throw new FaceVerifyError('manifest-invalid', 'The `manifest` property differs from the manifest the server issued this session for; the server would reject the consent receipt. Remove the property or make them equal.');
    }
    if (result.manifest.mode !== session.mode) {
      throw new FaceVerifyError('manifest-invalid', `The manifest describes mode "${result.manifest.mode}" but the session is "${session.mode}".`);
    }
    return result.manifest;
  }

  /** Gets a fresh challenge when the current one could expire before the person is done. */
  private async ensureFreshChallenge(signal: AbortSignal, force: boolean): Promise<void> {
    if (!force && this.clock && this.clock.remainingMs(performance.now()) >= MIN_CHALLENGE_LIFE_AT_START_MS) return;
    const shownHash = this.state.manifest ? canonicalHash(this.state.manifest) : null;
    await this.fetchSession(signal);
    if (shownHash && canonicalHash(this.resolveManifest(this.session!)) !== shownHash) {
      throw new FaceVerifyError('session-invalid', 'The notice changed since you read it. Read it again before continuing.');
    }
  }

  private async startCamera(afterError: boolean): Promise<void> {
    const signal = this.run.signal;
    try {
      await this.ensureFreshChallenge(signal, afterError);
      if (signal.aborted) return;
      await this.openCameraAndVision();
      if (signal.aborted) return;
      this.dispatch({ type: 'camera-ready' });
    } catch (error) {
      if (!signal.aborted) this.fail(error);
    }
  }

  private async openCameraAndVision(): Promise<void> {
    const signal = this.run.signal;
    const { assetsBase, delegate, cameraId } = this.config();
    const visionWarm = this.client !== null;
    const visionStart = performance.now();
    // Camera and model load in parallel: the permission prompt hides most of the model's load time.
    const [, client] = await Promise.all([
      this.camera.open(cameraId ? { deviceId: cameraId } : {}),
      this.client ??
        (async () => {
          this.vision ??= await import('../vision/index.js');
          const created = await this.vision.FaceLandmarkerClient.create({ assetsBase, delegate, signal });
          this.metrics.visionInitMs = performance.now() - visionStart;
          return created;
        })(),
    ]);
    if (signal.aborted) {
      client.close();
      return;
    }
    this.client = client;
    this.hold ??= new this.vision!.GuidanceHold();
    this.metrics.visionWarm = visionWarm;
    this.cameraStartedAt = visionStart;
    this.firstFramePending = true;
    this.host.requestUpdate();
    await this.startPump(signal);
  }

  private async startPump(signal: AbortSignal): Promise<void> {
    // The <video> is rendered by the element once the camera step shows; wait for it to play.
    const video = await this.waitForVideo(signal);
    if (signal.aborted || !this.client) return;
    this.pump?.stop();
    this.pump = new this.vision!.FramePump(video, this.client, (analysis) => this.onFrame(analysis), (error) => this.fail(error));
    this.pump.start();
  }

  private async waitForVideo(signal: AbortSignal): Promise<HTMLVideoElement> {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const video = this.video;
      const stream = this.camera.stream;
      if (video && stream) {
        if (video.srcObject !== stream) video.srcObject = stream;
        if (video.readyState >= 2 && !video.paused) return video;
        try {
          await video.play();
        } catch {
          // Autoplay of a muted camera preview is allowed; a rejection here is a transient race.
        }
      }
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  private onFrame(analysis: FrameAnalysis): void {
    if (!this.hold || !this.vision) return;
    this.latencies.add(analysis.latencyMs);
    this.metrics.frameLatencyMedianMs = this.latencies.quantile(0.5);
    this.metrics.frameLatencyP95Ms = this.latencies.quantile(0.95);
    this.metrics.framesAnalysed = this.latencies.total;
    if (this.firstFramePending) {
      this.firstFramePending = false;
      const now = performance.now();
      this.metrics.consentToFirstFrameMs ??= now - this.agreedAtMonotonic;
      this.metrics.cameraToFirstFrameMs = now - this.cameraStartedAt;
    }
    const assessment = this.vision.assessFrame(analysis);
    const step = this.state.step;
    if (step === 'guidance') {
      const status = this.hold.push(assessment, analysis.t);
      this.guidance = { issue: status.issue, progress: status.progress };
      this.host.requestUpdate();
      if (status.state === 'steady') this.dispatch({ type: 'guidance-steady' });
    } else if (step === 'capture' && this.recording?.started) {
      const rec = this.recording;
      // Frames captured before the recorder started are not in the clip, so not in its trace.
      if (analysis.t < rec.startedAt) return;
      this.samples.push({ ...analysis, t: analysis.t - rec.startedAt });
      const lost = assessment.issue === 'no-face' || assessment.issue === 'multiple-faces';
      this.guidance = { issue: lost ? assessment.issue : null, progress: this.guidance.progress };
      if (!lost) rec.lostSince = null;
      else if (rec.lostSince === null) rec.lostSince = analysis.t;
      else if (analysis.t - rec.lostSince > CAPTURE_LOSS_TOLERANCE_MS) this.dispatch({ type: 'capture-lost' });
      this.host.requestUpdate();
    }
  }

  private async capture(): Promise<void> {
    const stream = this.camera.stream;
    if (!stream || !this.claims) return this.fail(new FaceVerifyError('recording-failed', 'The camera stopped before recording. Try again.'));
    const abort = new AbortController();
    const runSignal = this.run.signal;
    const onRunAbort = () => abort.abort(runSignal.reason);
    runSignal.addEventListener('abort', onRunAbort, { once: true });
    this.samples = [];
    this.recording = { started: false, startedAt: performance.now(), lostSince: null, abort };
    const durationMs = this.claims.clipMs;
    const ticker = setInterval(() => {
      if (!this.recording) return;
      this.guidance = { ...this.guidance, progress: Math.min(1, (performance.now() - this.recording.startedAt) / durationMs) };
      this.host.requestUpdate();
    }, 100);
    try {
      const clip = await recordClip(stream, {
        durationMs,
        signal: abort.signal,
        onStart: (t) => {
          if (this.recording?.abort !== abort) return;
          this.recording.startedAt = t;
          this.recording.started = true;
        },
      });
      if (abort.signal.aborted) return;
      this.clip = clip;
      this.pump?.stop();
      // The camera is not needed to watch the clip back: switch it off now.
      this.camera.stop();
      this.clipUrl = URL.createObjectURL(new Blob([clip.bytes as Uint8Array<ArrayBuffer>], { type: clip.mimeType }));
      this.metrics.clipBytes = clip.bytes.length;
      this.dispatch({ type: 'capture-done' });
    } catch (error) {
      if (!abort.signal.aborted) this.fail(error);
    } finally {
      clearInterval(ticker);
      runSignal.removeEventListener('abort', onRunAbort);
      if (this.recording?.abort === abort) this.recording = null;
    }
  }

  private consentReceipt(): ConsentReceipt {
    return buildConsentReceipt({
      manifest: this.state.manifest!,
      sessionId: this.session!.sessionId,
      agreedAt: this.agreedAt!,
      receiptId: this.consentReceiptId!,
    });
  }

  private async submit(): Promise<void> {
    const signal = this.run.signal;
    const clip = this.clip;
    try {
      if (!clip || !this.session || !this.claims || !this.key || !this.clock) {
        throw new FaceVerifyError('seal-failed', 'Nothing to send: record again.');
      }
      if (this.clock.remainingMs(performance.now()) <= 0) {
        throw new FaceVerifyError('challenge-expired', 'This verification took longer than the time allowed for one attempt. Record again to get a new one.');
      }
      const { buildSubmission } = await import('./submission.js');
      let sealed;
      try {
        const video = this.video;
        sealed = await buildSubmission({
          challenge: this.session.challenge,
          claims: this.claims,
          key: this.key,
          payload: clip.bytes,
          consent: this.consentReceipt(),
          capture: {
            startedAt: clip.startedAt,
            durationMs: Math.round(clip.durationMs),
            mimeType: clip.mimeType,
            width: video?.videoWidth || this.camera.camera?.settings.width || 0,
            height: video?.videoHeight || this.camera.camera?.settings.height || 0,
            trace: buildTrace(this.samples),
          },
        });
      } catch (cause) {
        throw new FaceVerifyError('seal-failed', `Sealing the recording failed: ${(cause as Error).message}`, { cause });
      }
      this.metrics.sealMs = sealed.sealMs;
      this.metrics.sealedBytes = sealed.sealed.length;
      const submitUrl = new URL(this.session.submitUrl, new URL(this.config().sessionUrl, document.baseURI)).href;
      const uploadStart = performance.now();
      const receipt = await uploadSubmission({
        url: submitUrl,
        attestation: sealed.attestation,
        sealed: sealed.sealed,
        sessionId: this.session.sessionId,
        headers: this.config().headers,
        signal,
      });
      if (signal.aborted) return;
      this.metrics.uploadMs = performance.now() - uploadStart;
      this.metrics.sessionMs = performance.now() - this.agreedAtMonotonic;
      this.dispatch({ type: 'sent', receipt });
      this.on.submitted(receipt);
    } catch (error) {
      if (!signal.aborted) this.fail(error);
    }
  }

  private releasePayload(): void {
    this.clip = null;
    this.samples = [];
    if (this.clipUrl) URL.revokeObjectURL(this.clipUrl);
    this.clipUrl = null;
  }

  /**
   * Stops whatever runs: camera tracks, frame pump, recording, worker (unless kept warm for a
   * retake) and pending requests. Every exit path comes through here.
   */
  private teardown(options: { keepVision: boolean; keepPayload: boolean }): void {
    this.run.abort(new DOMException('The verification step ended.', 'AbortError'));
    this.run = new AbortController();
    this.recording?.abort.abort();
    this.recording = null;
    this.pump?.stop();
    this.pump = null;
    this.camera.stop();
    if (!options.keepVision) {
      this.client?.close();
      this.client = null;
      this.hold = null;
    }
    if (!options.keepPayload) this.releasePayload();
    if (isFinal(this.state.step)) this.key = null;
  }
}

/**
 * The take on its way out — a clip, or in embedding mode a face template — held for the review,
 * sealed once when the person first presses Send, and kept — the very same bytes, attestation and idempotency key — until the server
 * acknowledges it. A retry or a Send after Cancel uploads that kept submission again; it is never
 * sealed a second time (which would spend a second nonce and store a second clip).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttestationKey } from '../crypto/attestation-key.js';
import { FaceVerifyError } from '../shared/errors.js';
import { encodeTemplate, TEMPLATE_MEDIA_TYPE } from '../shared/face-template.js';
import { buildTrace } from '../shared/trace.js';
import type { ConsentReceipt, SubmissionReceipt } from '../shared/wire.js';
import { UploadRejectedError, uploadSubmission } from '../transport/upload.js';
import type { Recording } from './capture-controller.js';
import type { FlowMetrics } from './metrics.js';
import { RunScope } from './run-scope.js';
import type { Challenge } from './session-controller.js';
import type { SealedSubmission } from './submission.js';

/** What sealing needs beyond the recording, read when the person first presses Send. */
export interface SealContext {
  challenge: Challenge;
  key: AttestationKey;
  consent: ConsentReceipt;
  /** Monotonic ms from receiving the challenge to the recorder's start. */
  startedAfterMs: number;
}

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export class SubmissionController implements ReactiveController {
  /** The recording under review, and an object URL to play its clip (clip mode). */
  recording: Recording | null = null;
  clipUrl: string | null = null;
  /** The sealed form of `recording`, once made. */
  sealed: SealedSubmission | null = null;
  /** Whether an upload of `sealed` was begun: from then on the server may hold it. */
  #attempted = false;
  /**
   * A sealed submission whose upload began but was never acknowledged, dropped by a retake. The
   * server may hold it (the answer was lost, or Cancel came too late); if the session turns out to
   * be used, sending it again returns its receipt, so nothing is stored that the person has no
   * receipt for.
   */
  #unanswered: SealedSubmission | null = null;

  readonly #runs = new RunScope();
  readonly #metrics: FlowMetrics;

  constructor(host: ReactiveControllerHost, metrics: FlowMetrics) {
    this.#metrics = metrics;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.forget();
  }

  /** Takes a new recording for review; whatever was held before is dropped. */
  hold(recording: Recording): void {
    this.discard();
    this.recording = recording;
    if (recording.clip) {
      this.clipUrl = URL.createObjectURL(new Blob([recording.clip.bytes as Uint8Array<ArrayBuffer>], { type: recording.clip.mimeType }));
      this.#metrics.clipBytes = recording.clip.bytes.length;
    }
    if (recording.face) {
      this.#metrics.templateFrames = recording.face.frames.length;
      this.#metrics.templateSpread = recording.face.spread;
      this.#metrics.templateDescribeMs = recording.face.describeMs;
    }
  }

  /**
   * Seals the held recording unless it already is, then uploads it.
   * @throws FaceVerifyError 'seal-failed', 'upload-failed' (the sealed submission is kept),
   *   'upload-rejected'; an AbortError when {@link cancel}led.
   */
  async send(context: () => SealContext, options: SendOptions): Promise<SubmissionReceipt> {
    const run = this.#runs.start();
    const recording = this.recording;
    if (!recording) throw new FaceVerifyError('seal-failed', 'Nothing to send: record again.');
    // Sealed at most once per recording: a seal that finishes after a Cancel is still kept.
    const keep = (sealed: SealedSubmission): void => {
      if (this.recording === recording) this.sealed = sealed;
    };
    const sealed = this.sealed ?? (await run.settle(this.#seal(recording, context()), keep));
    keep(sealed);
    if (this.sealed === sealed) this.#attempted = true;
    const started = performance.now();
    const receipt = await run.settle(this.#upload(sealed, options, run.signal));
    this.#metrics.uploadMs = performance.now() - started;
    this.#unanswered = null;
    return receipt;
  }

  /**
   * Asks the server whether the {@link unacknowledged} submission is stored (a lookup: it is never
   * stored by asking), after the server said the session is used or the person cancelled.
   * @returns its receipt, or null when there is none or it is not stored.
   */
  async recoverUnanswered(options: SendOptions): Promise<SubmissionReceipt | null> {
    // The older take first: when the session is used, it is the one the server may hold.
    const candidates = [this.#unanswered, this.sealed && this.#attempted ? this.sealed : null].filter((c): c is SealedSubmission => c !== null);
    const run = this.#runs.start();
    try {
      for (const candidate of new Set(candidates)) {
        try {
          return await run.settle(this.#upload(candidate, options, run.signal, true));
        } catch (error) {
          if (!(error instanceof UploadRejectedError)) throw error;
        }
      }
      return null;
    } finally {
      this.#unanswered = null;
    }
  }

  /** Stops a running upload; the sealed submission stays for the next Send. */
  cancel(): void {
    this.#runs.abort('cancelled');
  }

  /** A sealed submission whose upload began and was never acknowledged (the held one, or one a retake dropped). */
  get unacknowledged(): SealedSubmission | null {
    return this.sealed && this.#attempted ? this.sealed : this.#unanswered;
  }

  /** Drops the recording and its sealed form (a retake): one whose upload began is remembered as unanswered. */
  discard(): void {
    this.#runs.abort('discarded');
    if (this.clipUrl) URL.revokeObjectURL(this.clipUrl);
    this.clipUrl = null;
    // The face crops shown on the review are wiped, not left for the collector.
    for (const chip of this.recording?.face?.chips ?? []) chip.rgb.fill(0);
    if (this.sealed && this.#attempted) this.#unanswered = this.sealed;
    this.recording = null;
    this.sealed = null;
    this.#attempted = false;
  }

  /** Drops everything, the unanswered submission too (done, declined, a new session, removal). */
  forget(): void {
    this.discard();
    this.#unanswered = null;
  }

  #upload(sealed: SealedSubmission, options: SendOptions, signal: AbortSignal, lookup = false): Promise<SubmissionReceipt> {
    return uploadSubmission({
      lookup,
      url: options.url,
      attestation: sealed.attestation,
      sealed: sealed.sealed,
      idempotencyKey: sealed.idempotencyKey,
      headers: options.headers,
      timeoutMs: options.timeoutMs,
      signal,
    });
  }

  async #seal(recording: Recording, context: SealContext): Promise<SealedSubmission> {
    const { buildSubmission } = await import('./submission.js');
    const { face, samples } = recording;
    const trace = buildTrace(samples);
    try {
      const payload = payloadOf(recording);
      const sealed = await buildSubmission({
        challenge: context.challenge.token,
        claims: context.challenge.claims,
        key: context.key,
        ...payload,
        evidence: { v: 2, trace, liveness: recording.liveness, signals: recording.signals, ...(face ? { template: { frames: face.frames } } : {}) },
        capture: {
          startedAfterMs: context.startedAfterMs,
          durationMs: Math.round(recording.durationMs),
          width: recording.width,
          height: recording.height,
          frames: trace.rows.length,
        },
        consent: context.consent,
      });
      this.#metrics.sealMs = sealed.sealMs;
      this.#metrics.sealedBytes = sealed.sealed.length;
      return sealed;
    } catch (cause) {
      throw new FaceVerifyError('seal-failed', `Sealing the recording failed: ${(cause as Error).message}`, { cause });
    }
  }
}

/** What is sealed: the clip, or the template's 512 bytes; never both (a template take has no clip). */
function payloadOf(recording: Recording): { payload: Uint8Array; payloadType: string } {
  if (recording.face) return { payload: encodeTemplate(recording.face.template), payloadType: TEMPLATE_MEDIA_TYPE };
  if (recording.clip) return { payload: recording.clip.bytes, payloadType: recording.clip.mimeType };
  throw new TypeError('the take holds neither a clip nor a template');
}

/**
 * The take on its way out — a clip, or in embedding mode a face template — held for the review,
 * sealed once when the person first presses Send, and kept — the very same bytes, attestation and
 * idempotency key — until the server acknowledges it: in memory, and in the IndexedDB outbox from
 * before the first attempt, so a reload or a later visit can finish sending it. A retry or a Send
 * after Cancel uploads that kept submission again; it is never sealed a second time (which would
 * spend a second nonce and store a second clip).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttestationKey } from '../crypto/attestation-key.js';
import { FaceVerifyError } from '../shared/errors.js';
import { encodeTemplate, TEMPLATE_MEDIA_TYPE } from '../shared/face-template.js';
import { buildTrace } from '../shared/trace.js';
import type { ConsentReceipt, SubmissionReceipt } from '../shared/wire.js';
import { RETRY_GRACE_MS } from '../shared/limits.js';
import { deliver, type Connectivity, type DeliveryStatus } from '../transport/delivery.js';
import { outboxUrl, type Outbox, type OutboxEntry } from '../transport/outbox.js';
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

/** Where the controller keeps a submission across reloads, and how it learns about the network. */
export interface DeliveryEnvironment {
  /** The outbox, or null where IndexedDB is unavailable (then the submission lives in memory only). */
  outbox(): Promise<Outbox | null>;
  connectivity: Connectivity;
}

/** Kept this long before the identical-retry window closes: the last attempt's own travel time. */
const EXPIRY_MARGIN_MS = 15_000;

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

  /** The outbox record of `sealed`, once written (or due to be). */
  #entry: OutboxEntry | null = null;
  /** Asks the running delivery to try now. */
  #nudge: (() => void) | null = null;

  readonly #runs = new RunScope();
  readonly #metrics: FlowMetrics;
  readonly #environment: DeliveryEnvironment;

  constructor(host: ReactiveControllerHost, metrics: FlowMetrics, environment: DeliveryEnvironment) {
    this.#metrics = metrics;
    this.#environment = environment;
    host.addController(this);
  }

  hostDisconnected(): void {
    // Leaving the page is not withdrawing: an outbox entry stays for the next visit to finish.
    this.#entry = null;
    this.forget();
  }

  /**
   * Takes over a submission an earlier page left in the outbox, to send it without recording: the
   * person agreed and reviewed it then.
   */
  adopt(entry: OutboxEntry): void {
    this.forget();
    this.#entry = entry;
    this.sealed = { sealed: entry.sealed, attestation: entry.attestation, idempotencyKey: entry.idempotencyKey, sealedSha256: '', payloadSha256: '', sealMs: 0 };
    this.#attempted = true;
  }

  /** Try the running delivery again now instead of waiting. */
  tryNow(): void {
    this.#nudge?.();
  }

  /** Takes a new recording for review; whatever was held before is dropped. */
  hold(recording: Recording): void {
    this.discard();
    // Loaded now, while the network is there: a person who presses Send offline must still be able
    // to seal, so the submission can wait in the outbox.
    void loadSealer().catch(() => undefined);
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
   * Seals the held recording unless it already is, keeps it in the outbox, then delivers it: again
   * and again with backoff while the network or the server fails, waiting for the device to come
   * online, until acknowledged.
   * @param sendOptions - read before every attempt.
   * @param onStatus - told of every attempt and wait, for the person.
   * @throws FaceVerifyError 'seal-failed', 'upload-rejected' (refused for good), 'challenge-expired'
   *   (too old to be accepted; removed); an AbortError when {@link cancel}led.
   */
  async send(context: () => SealContext, sendOptions: () => SendOptions, onStatus: (status: DeliveryStatus) => void): Promise<SubmissionReceipt> {
    // Read per attempt: a host that changes its headers (a CSRF token) or deadlines mid-wait is heard.
    const options = sendOptions();
    const run = this.#runs.start();
    const recording = this.recording;
    if (!recording && !this.sealed) throw new FaceVerifyError('seal-failed', 'Nothing to send: record again.');
    let sealed = this.sealed;
    if (!sealed) {
      const sealContext = context();
      // Sealed at most once per recording: a seal that finishes after a Cancel is still kept.
      const keep = (made: SealedSubmission): void => {
        if (this.recording !== recording || this.sealed) return;
        this.sealed = made;
        this.#entry = entryOf(made, sealContext, options.url, recording!);
      };
      sealed = await run.settle(this.#seal(recording!, sealContext), keep);
      keep(sealed);
    }
    const entry = this.#entry;
    // Written before the first attempt: from here on the bytes may reach the server.
    if (entry) await run.settle(this.#store(entry));
    if (this.sealed === sealed) this.#attempted = true;
    const started = performance.now();
    const delivery = deliver({
      attempt: (signal) => this.#upload(sealed, sendOptions(), signal),
      expiresAt: entry?.expiresAt ?? Number.POSITIVE_INFINITY,
      signal: run.signal,
      onStatus,
      connectivity: this.#environment.connectivity,
    });
    this.#nudge = delivery.nudge;
    let receipt: SubmissionReceipt;
    try {
      receipt = await run.settle(delivery.receipt);
    } catch (error) {
      // Refused for good or too old: nothing left to deliver. (A Cancel or a retake removes it too,
      // in cancel() and discard(); leaving the page does not.)
      if (error instanceof FaceVerifyError && entry) await this.#unstore(entry);
      throw error;
    } finally {
      this.#nudge = null;
    }
    this.#metrics.uploadMs = performance.now() - started;
    this.#unanswered = null;
    if (entry) await this.#unstore(entry);
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

  /**
   * Stops a running upload; the sealed submission stays in memory for the next Send, but leaves the
   * outbox: a person who stopped it does not want a later visit to send it behind their back.
   */
  cancel(): void {
    this.#runs.abort('cancelled');
    if (this.#entry) void this.#unstore(this.#entry);
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
    if (this.#entry) void this.#unstore(this.#entry);
    this.#entry = null;
    this.recording = null;
    this.sealed = null;
    this.#attempted = false;
  }

  /** Outbox failures (quota, private mode) leave the submission in memory: sending it matters more. */
  async #store(entry: OutboxEntry): Promise<void> {
    try {
      await (await this.#environment.outbox())?.put(entry);
    } catch {
      // Kept in memory; a reload would lose it, as it did before the outbox existed.
    }
  }

  async #unstore(entry: OutboxEntry): Promise<void> {
    try {
      await (await this.#environment.outbox())?.remove(entry.idempotencyKey);
    } catch {
      // Nothing to do: an entry that could not be removed expires and is deleted on a later visit.
    }
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
      // One attempt per call: retries are the delivery's, with its backoff and the person told.
      attempts: lookup ? 3 : 1,
    });
  }

  async #seal(recording: Recording, context: SealContext): Promise<SealedSubmission> {
    const { face, samples } = recording;
    const trace = buildTrace(samples);
    try {
      const { buildSubmission } = await loadSealer();
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

/** The outbox record of a newly sealed submission. */
function entryOf(sealed: SealedSubmission, context: SealContext, submitUrl: string, recording: Recording): OutboxEntry {
  const now = Date.now();
  // The server answers an identical retry of a stored submission until exp + the grace; past that
  // nothing can be delivered. Moved onto the device clock by the challenge's monotonic clock.
  const remaining = context.challenge.clock.submitRemainingMs(performance.now()) + RETRY_GRACE_MS - EXPIRY_MARGIN_MS;
  return {
    idempotencyKey: sealed.idempotencyKey,
    submitUrl: outboxUrl(submitUrl),
    attestation: sealed.attestation,
    sealed: sealed.sealed,
    mode: recording.face ? 'embedding' : 'clip',
    sealedAt: now,
    expiresAt: now + remaining,
  };
}

let sealer: Promise<typeof import('./submission.js')> | null = null;

/** The sealing code (HPKE, the attestation), loaded once; a failed load is tried again next time. */
function loadSealer(): Promise<typeof import('./submission.js')> {
  sealer ??= import('./submission.js').catch((error: unknown) => {
    sealer = null;
    throw error;
  });
  return sealer;
}

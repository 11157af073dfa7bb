/**
 * Delivers one kept submission: attempt after attempt with backoff and jitter, waiting for the
 * network when the device is offline, until the backend acknowledges it, refuses it for good, the
 * person stops it, or it is too old to be accepted. Pure of the DOM: the network test, the clock and
 * the randomness come in, so every path is tested in Node.
 */
import { FaceVerifyError } from '../shared/errors.js';
import type { SubmissionReceipt } from '../shared/wire.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy.js';
import { UploadFailedError } from './upload.js';

/** Whether the device believes it is online, and news of changes (the window's online/offline events). */
export interface Connectivity {
  online(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** What the person is told while a submission is on its way. */
export interface DeliveryStatus {
  /** 'sending': an attempt is running; 'waiting': the next one is due at `nextAttemptAt`; 'offline': waiting for the network. */
  state: 'sending' | 'waiting' | 'offline';
  /** Attempts that failed so far. */
  failures: number;
  /** Device epoch ms of the next attempt ('waiting' only). */
  nextAttemptAt: number | null;
  /** Why the last attempt failed, for the person. */
  lastError: string | null;
}

export interface DeliveryOptions {
  /** One upload attempt of the very same bytes. */
  attempt(signal: AbortSignal): Promise<SubmissionReceipt>;
  /** Device epoch ms after which the backend cannot accept the submission. */
  expiresAt: number;
  /** Aborting it stops the delivery with its reason. */
  signal: AbortSignal;
  onStatus(status: DeliveryStatus): void;
  connectivity: Connectivity;
  policy?: RetryPolicy;
  random?: () => number;
  now?: () => number;
}

export interface Delivery {
  /** The receipt; rejects with the final refusal, `challenge-expired`, or the signal's reason. */
  readonly receipt: Promise<SubmissionReceipt>;
  /** Try now instead of waiting (the person's "Try again"). */
  nudge(): void;
}

export function deliver(options: DeliveryOptions): Delivery {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  let wake: (() => void) | null = null;
  const nudge = (): void => wake?.();

  /** Resolves after `ms`, when the device comes online, on a nudge, or rejects when aborted. */
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const { signal } = options;
      if (signal.aborted) return reject(signal.reason);
      const finish = (): void => {
        clearTimeout(timer);
        unsubscribe();
        signal.removeEventListener('abort', onAbort);
        wake = null;
      };
      const onAbort = (): void => {
        finish();
        reject(signal.reason);
      };
      const timer = setTimeout(() => (finish(), resolve()), Math.max(0, ms));
      const unsubscribe = options.connectivity.subscribe(() => {
        if (options.connectivity.online()) (finish(), resolve());
      });
      wake = () => (finish(), resolve());
      signal.addEventListener('abort', onAbort, { once: true });
    });

  const expired = (): FaceVerifyError =>
    new FaceVerifyError('challenge-expired', `This recording could not be delivered before ${new Date(options.expiresAt).toLocaleTimeString()}, after which it cannot be accepted; it was removed. Record again.`);

  const run = async (): Promise<SubmissionReceipt> => {
    let failures = 0;
    let lastError: string | null = null;
    for (;;) {
      if (options.signal.aborted) throw options.signal.reason;
      const left = options.expiresAt - now();
      if (left <= 0) throw expired();
      if (!options.connectivity.online()) {
        options.onStatus({ state: 'offline', failures, nextAttemptAt: null, lastError });
        // navigator.onLine can say "offline" on a network that works: after a while, one attempt
        // proves it either way.
        await pause(Math.min(left, policy.capMs));
        if (options.expiresAt - now() <= 0) continue;
      }
      options.onStatus({ state: 'sending', failures, nextAttemptAt: null, lastError });
      try {
        return await options.attempt(options.signal);
      } catch (error) {
        if (options.signal.aborted) throw options.signal.reason;
        if (!(error instanceof UploadFailedError)) throw error;
        failures++;
        lastError = error.message;
        const wait = Math.min(retryDelayMs(failures, random(), policy, error.retryAfterMs), Math.max(0, options.expiresAt - now()));
        const state = options.connectivity.online() ? 'waiting' : 'offline';
        options.onStatus({ state, failures, nextAttemptAt: state === 'waiting' ? now() + wait : null, lastError });
        await pause(wait);
      }
    }
  };
  return { receipt: run(), nudge };
}

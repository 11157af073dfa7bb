import type { WidgetErrorCode } from '../shared/errors.js';
import type { LivenessDecision } from '../shared/liveness-decision.js';
import type { ConsentManifest } from '../shared/manifest.js';
import type { ConsentReceipt, SubmissionReceipt } from '../shared/wire.js';
import type { Step } from './machine.js';
import type { DeliveryStatus } from '../transport/delivery.js';

/** Deadlines, in ms. */
export interface FlowTimeouts {
  /** The session request (page load). */
  sessionMs: number;
  /** The challenge request (after consent). */
  challengeMs: number;
  /** Each upload attempt. */
  uploadMs: number;
  /** The camera's first picture after it opened. */
  cameraMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<FlowTimeouts> = Object.freeze({ sessionMs: 15_000, challengeMs: 15_000, uploadMs: 60_000, cameraMs: 10_000 });

/** What the flow needs from the element, read when it is needed. */
export interface FlowConfig {
  sessionUrl: string;
  assetsBase: string;
  delegate: 'CPU' | 'GPU';
  /** A manifest given as a property; must match the server's when both exist. */
  manifest: ConsentManifest | null;
  headers: Record<string, string>;
  /** Most preferred first (the element's locale first): the server picks the notice's language. */
  languages: readonly string[];
  cameraId: string | null;
  timeouts: FlowTimeouts;
  /** Recordings whose liveness check may fail before the person is offered the host's alternative. */
  maxAttempts: number;
}

/** What the flow tells the element, which turns each into a DOM event. */
export interface FlowCallbacks {
  step(step: Step, previous: Step): void;
  consent(receipt: ConsentReceipt): void;
  /** `storedReceipt`: a Cancel came after the server had already stored the submission. */
  declined(reason: 'declined' | 'cancelled', storedReceipt?: SubmissionReceipt): void;
  submitted(receipt: SubmissionReceipt): void;
  error(code: WidgetErrorCode, message: string, serverCode?: string): void;
  /** The device judged a recording; `attemptsLeft` counts the recordings still allowed after it. */
  liveness(decision: LivenessDecision, attempt: number, attemptsLeft: number): void;
  /** The submission's delivery changed: an attempt started, failed and waits, or waits for the network. */
  delivery(status: DeliveryStatus, resumed: boolean): void;
}

/**
 * What became of an upload the person cancelled once it had begun: being checked, stored (with its
 * receipt), or unknown (the server could not be asked). Null: nothing had been sent.
 */
export type CancelledUpload = { state: 'checking' } | { state: 'stored'; receipt: SubmissionReceipt } | { state: 'unknown' };

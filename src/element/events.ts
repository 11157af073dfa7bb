/**
 * The element's events. All bubble and cross the shadow boundary (`composed`), are prefixed
 * `face-verify-`, and are typed in the global HTMLElementEventMap so `addEventListener` infers
 * their `detail`.
 */
import type { DeclineReason, Step } from '../flow/machine.js';
import type { WidgetErrorCode } from '../shared/errors.js';
import type { LivenessDecision } from '../shared/liveness-decision.js';
import type { ConsentReceipt, SubmissionReceipt } from '../shared/wire.js';
import type { DeliveryStatus } from '../transport/delivery.js';

export interface StepDetail {
  step: Step;
  previous: Step;
}
export interface ConsentDetail {
  receipt: ConsentReceipt;
}
export interface DeclinedDetail {
  reason: DeclineReason;
  /** A Cancel came after the server had already stored the submission: its receipt (shown to the person with the erasure link). */
  storedReceipt?: SubmissionReceipt;
}
export interface SubmittedDetail {
  receipt: SubmissionReceipt;
}
export interface ErrorDetail {
  code: WidgetErrorCode;
  message: string;
  /** The server's code when the submission was refused (`code` is 'upload-rejected'). */
  serverCode?: string;
}

export interface LivenessDetail {
  /** The device's decision on the latest recording (the server decides again on what it receives). */
  decision: LivenessDecision;
  /** Which recording of this session it was (1 for the first). */
  attempt: number;
  /** Recordings still allowed; 0 after a failure means the person is offered the alternative. */
  attemptsLeft: number;
}

export interface DeliveryDetail extends DeliveryStatus {
  /** The submission was sealed on an earlier visit and found in the outbox. */
  resumed: boolean;
}

function create<T>(type: string, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true });
}

export const stepEvent = (detail: StepDetail) => create('face-verify-step', detail);
export const consentEvent = (detail: ConsentDetail) => create('face-verify-consent', detail);
export const declinedEvent = (detail: DeclinedDetail) => create('face-verify-declined', detail);
export const submittedEvent = (detail: SubmittedDetail) => create('face-verify-submitted', detail);
export const errorEvent = (detail: ErrorDetail) => create('face-verify-error', detail);
export const livenessEvent = (detail: LivenessDetail) => create('face-verify-liveness', detail);
export const deliveryEvent = (detail: DeliveryDetail) => create('face-verify-delivery', detail);

declare global {
  interface HTMLElementEventMap {
    'face-verify-step': CustomEvent<StepDetail>;
    'face-verify-consent': CustomEvent<ConsentDetail>;
    'face-verify-declined': CustomEvent<DeclinedDetail>;
    'face-verify-submitted': CustomEvent<SubmittedDetail>;
    'face-verify-error': CustomEvent<ErrorDetail>;
    'face-verify-liveness': CustomEvent<LivenessDetail>;
    'face-verify-delivery': CustomEvent<DeliveryDetail>;
  }
}

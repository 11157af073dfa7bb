/** The public API of the widget: the element class and the types of its events and formats. */
export { FaceVerify } from './element/face-verify.js';
export type { ConsentDetail, DeclinedDetail, ErrorDetail, LivenessDetail, StepDetail, SubmittedDetail } from './element/events.js';
export type { Translation } from './element/i18n/translation.js';
export { en } from './element/i18n/en.js';
export type { Step, DeclineReason } from './flow/machine.js';
export { STEPS } from './flow/machine.js';
export type { FlowMetrics } from './flow/metrics.js';
export type { FlowTimeouts } from './flow/config.js';
export { DEFAULT_TIMEOUTS } from './flow/config.js';
export type { ConsentManifest, ManifestRight, VerificationMode } from './shared/manifest.js';
export { validateManifest } from './shared/manifest.js';
export type { ConsentReceipt, SessionResponse, SubmissionReceipt, CaptureSummary, AttestationClaims } from './shared/wire.js';
export { WIDGET_ERROR_CODES, SERVER_ERROR_CODES, FaceVerifyError } from './shared/errors.js';
export type { WidgetErrorCode, ServerErrorCode, FaceVerifyErrorCode } from './shared/errors.js';
export { WIDGET_VERSION } from './shared/version.js';
export type { LivenessDecision, LivenessLevel, LivenessReason, LivenessReasonCode, ActionResult, ColourResult, SignalResult } from './shared/liveness-decision.js';
export type { LivenessAction, LivenessPath, LivenessScript, LivenessReport } from './shared/liveness-script.js';
export type { SignalName, SignalReport } from './shared/signals.js';

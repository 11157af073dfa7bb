/**
 * `face-verify/server`: the Node library a host backend uses to issue face-verify sessions and
 * challenges (stateless), verify and store submissions (sealed at rest), open them, erase them and
 * purge them. Node only: nothing here touches the DOM.
 */
export { FaceVerifyServer } from './server.js';
export type { OpenedSubmission, PublicInfo, SubmissionInfo, VerifiedSubmission } from './server.js';
export type { ErasedPart, ErasureSummary, SubmissionDescription } from './data-access.js';
export { erasureLinkParts, ERASURE_RECEIPT_PARAM, ERASURE_TOKEN_PARAM } from '../shared/erasure-link.js';
export {
  DEFAULT_CAPTURE_WINDOW_S,
  DEFAULT_REVIEW_WINDOW_S,
  DEFAULT_SESSION_TTL_S,
  defaultMaxSealedBytes,
  MAX_CAPTURE_WINDOW_S,
  MAX_CLIP_MS,
  MAX_REVIEW_WINDOW_S,
  MIN_ERASURE_SECRET_BYTES,
} from './options.js';
export type { FaceVerifyServerOptions } from './options.js';
export { CLIP_BITS_PER_SECOND } from '../shared/limits.js';
export { PIPELINES } from './pipeline.js';
export type { Check } from './pipeline.js';
export { generateSigningKey, loadOrCreateKeyFile, operatorKeyProblems, signingKeyProblems } from './keys.js';
export type { KeyFile, SigningPrivateJwk, SigningPublicJwk } from './keys.js';
export { IN_MEMORY, isSqlDatabase, openPGlite, pgliteDatabase } from './database.js';
export type { SqlDatabase, SqlQueryable } from './database.js';
export { openPostgres } from './postgres.js';
export type { PostgresOptions } from './postgres.js';
export { migrate, MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
export type { Migration } from './migrations.js';
export type { PurgeCounts } from './store.js';
export type { TemplateMatch } from './template-store.js';
export type { TemplateOptions } from './template-options.js';
export { DEFAULT_RATE_LIMITS } from './rate-limit-options.js';
export type { RateLimitOptions } from './rate-limit-options.js';
export { RateLimiter } from './rate-limit.js';
export type { WindowLimit } from './rate-limit.js';
export { DEFAULT_MATCH_THRESHOLD } from '../shared/match-threshold.js';
export { decodeTemplate, encodeTemplate, TEMPLATE_BYTES, TEMPLATE_DIMENSIONS, TEMPLATE_MEDIA_TYPE } from '../shared/face-template.js';
export { TEMPLATE_FRAME_RULES } from '../shared/template-binding.js';
export type { TemplateEvidence } from '../shared/template-binding.js';
export { errorToResponse, HTTP_STATUS, INTERNAL_ERROR_CODE, readJsonBody, readSubmission } from './http.js';
export type { HeaderSource, RequestLike, SubmissionParts } from './http.js';
export { MAX_ATTESTATION_CHARS } from './attestation.js';
export { CLIP_SLACK_MS, CLOCK_SLACK_MS } from './checks.js';
export { MAX_EDGE_GAP_MS, MAX_FRAME_GAP_MS, MIN_FRAMES_PER_SECOND, MIN_ONE_FACE_SHARE } from '../shared/trace-plausibility.js';

// Operator keys come from the crypto module.
export { generateOperatorKey, publicJwkFromPrivate } from '../crypto/operator-key.js';
export type { OperatorPrivateJwk } from '../crypto/operator-key.js';

// The shared formats a host needs.
export { canonicalHash } from '../shared/canonical-json.js';
export { FaceVerifyError, isFaceVerifyError, SERVER_ERROR_CODES } from '../shared/errors.js';
export type { FaceVerifyErrorCode, ServerErrorCode } from '../shared/errors.js';
export type { Evidence } from '../shared/evidence.js';
export { MAX_RETENTION_DAYS, validateManifest, VERIFICATION_MODES } from '../shared/manifest.js';
export type { ConsentManifest, ManifestRight, ManifestValidation, VerificationMode } from '../shared/manifest.js';
export { traceColumn } from '../shared/trace.js';
export type { CaptureTrace } from '../shared/trace.js';
export {
  ATTESTATION_TYP,
  CHALLENGE_TYP,
  IDEMPOTENCY_HEADER,
  LOOKUP_HEADER,
  SEAL_SUITE,
  SESSION_TYP,
  UPLOAD_PARTS,
} from '../shared/wire.js';
export type {
  AttestationClaims,
  CaptureSummary,
  ChallengeClaims,
  ChallengeResponse,
  ConsentReceipt,
  ErrorResponse,
  OperatorPublicJwk,
  SessionClaims,
  SessionResponse,
  SubmissionReceipt,
} from '../shared/wire.js';

// Liveness: the options, the evaluators the server runs, and the formats of script and decision.
export type { LivenessOptions } from './liveness-options.js';
export { decideLiveness, DEFAULT_LIVENESS_THRESHOLDS, DEFAULT_SIGNAL_POLICY, framesOfTrace, PALETTE, VIRTUAL_CAMERA_LABEL } from '../liveness/index.js';
export type { LivenessThresholds } from '../liveness/index.js';
export { LIVENESS_ACTIONS, LIVENESS_PATHS, scriptMaxDurationMs } from '../shared/liveness-script.js';
export type { ActionReport, ActionStep, ColourStep, LivenessAction, LivenessPath, LivenessReport, LivenessScript, Rgb } from '../shared/liveness-script.js';
export { LIVENESS_LEVELS, LIVENESS_REASON_CODES } from '../shared/liveness-decision.js';
export type { ActionResult, ColourResult, LivenessDecision, LivenessLevel, LivenessReason, LivenessReasonCode, SignalResult } from '../shared/liveness-decision.js';
export { SIGNAL_NAMES } from '../shared/signals.js';
export type { SignalAction, SignalName, SignalReport } from '../shared/signals.js';

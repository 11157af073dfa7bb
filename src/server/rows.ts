/** Turns stored rows into what the server's callers see: receipts and submission metadata. */
import type { LivenessDecision } from '../shared/liveness-decision.js';
import type { VerificationMode } from '../shared/manifest.js';
import type { CaptureSummary, SubmissionReceipt } from '../shared/wire.js';
import { erasureToken, erasureUrl } from './erasure.js';
import type { SubmissionMetaRow } from './store.js';

/** A stored submission's metadata, as `listSubmissions` returns it. */
export interface SubmissionInfo {
  /** The submission's id, which is also its receipt id. */
  id: string;
  /** Same as `id`: the id on the person's receipt. */
  receiptId: string;
  sessionId: string;
  mode: VerificationMode;
  /** ISO 8601. */
  receivedAt: string;
  /** ISO 8601; the submission is purged after this. */
  retentionUntil: string;
  /** Media type of the payload (the clip). */
  mimeType: string;
  sealedBytes: number;
  sealedSha256: string;
  payloadBytes: number;
  payloadSha256: string;
  /** The operator key the sealed part is sealed to. */
  kid: string;
  consentReceiptId: string;
  capture: CaptureSummary;
  /** The server's liveness decision, with every measurement and signal. */
  liveness: LivenessDecision;
}

/** The receipt of a stored row; the erasure link is derived again, never stored. */
export function receiptOf(row: SubmissionMetaRow, erasureBase: string, erasureSecret: Uint8Array): SubmissionReceipt {
  return {
    receiptId: row.id,
    sessionId: row.sid,
    mode: row.mode,
    receivedAt: new Date(row.received_at).toISOString(),
    sealedSha256: row.sealed_sha256,
    sealedBytes: row.sealed_bytes,
    payloadSha256: row.payload_sha256,
    retentionUntil: new Date(row.retention_until).toISOString(),
    erasureUrl: erasureUrl(erasureBase, row.id, erasureToken(erasureSecret, row.id)),
    consentReceiptId: row.consent_receipt_id,
    liveness: { level: row.liveness.level, reasons: row.liveness.reasons.map((r) => r.code) },
  };
}

export function submissionInfoOf(row: SubmissionMetaRow): SubmissionInfo {
  return {
    id: row.id,
    receiptId: row.id,
    sessionId: row.sid,
    mode: row.mode,
    receivedAt: new Date(row.received_at).toISOString(),
    retentionUntil: new Date(row.retention_until).toISOString(),
    mimeType: row.payload_type,
    sealedBytes: row.sealed_bytes,
    sealedSha256: row.sealed_sha256,
    payloadBytes: row.payload_bytes,
    payloadSha256: row.payload_sha256,
    kid: row.kid,
    consentReceiptId: row.consent_receipt_id,
    capture: row.capture,
    liveness: row.liveness,
  };
}

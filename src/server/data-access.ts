/**
 * What the person may see and erase through their receipt's link: the description of what is held
 * about them (`describeSubmission`) and the summary of what an erasure deleted (`eraseSubmission`).
 * Both are built from stored rows; neither ever carries an image, the sealed bytes or the
 * template's numbers.
 */
import type { LivenessLevel, LivenessReasonCode } from '../shared/liveness-decision.js';
import type { SignalName } from '../shared/signals.js';
import type { VerificationMode } from '../shared/manifest.js';
import type { ConsentReceipt } from '../shared/wire.js';
import type { ErasedRows, SubmissionMetaRow } from './store.js';

/** One kind of data an erasure deleted. */
export type ErasedPart =
  /** The sealed part as received: the clip (clip mode) or the template (embedding mode), with the numeric evidence of the check. */
  | 'sealed-payload'
  /** Embedding mode: the face template kept in clear for duplicate checks, and so its entry in the vector index. */
  | 'face-template'
  /** The consent receipt: which notice the person agreed to, and when. */
  | 'consent-receipt'
  /** The submission record: received time, sizes, hashes, capture summary, attestation and the liveness decision. */
  | 'submission-record';

/** What {@link FaceVerifyServer.eraseSubmission} deleted. */
export interface ErasureSummary {
  erased: true;
  receiptId: string;
  mode: VerificationMode;
  /** Everything deleted, in this order: `sealed-payload`, `face-template` (embedding mode), `consent-receipt`, `submission-record`. */
  removed: ErasedPart[];
  /** Size of the sealed part deleted. */
  sealedBytes: number;
  /**
   * What is kept: the challenge's spent nonce (a random number, no personal data) until this ISO
   * 8601 time, so the erased bytes cannot be submitted again; null when it is already gone.
   */
  nonceKeptUntil: string | null;
}

/** What {@link FaceVerifyServer.describeSubmission} tells the person about what is held. */
export interface SubmissionDescription {
  receiptId: string;
  /** `clip`: a sealed video is held; `embedding`: a sealed face template, and the template itself for duplicate checks. */
  mode: VerificationMode;
  /** ISO 8601. */
  receivedAt: string;
  /** ISO 8601: everything here is deleted at this time, or earlier by the erasure link. */
  retentionUntil: string;
  held: {
    /** The sealed part as stored (the clip or template, with the numeric evidence of the check). */
    sealedBytes: number;
    /** The clip or template inside it. */
    payloadBytes: number;
    payloadType: string;
    /** True when a face template is also held in clear, for duplicate checks (embedding mode). */
    faceTemplate: boolean;
  };
  /** The consent receipt as stored: which notice, which purpose, when. */
  consent: {
    receiptId: string;
    /** ISO 8601: when the person agreed. */
    agreedAt: string;
    noticeVersion: string;
    noticeHash: string;
    purpose: string;
    controller: { name: string; contact: string };
    locale: string;
  };
  /** The server's liveness decision: its level, reason codes and flagged signals (README "Liveness decision"). */
  liveness: { level: LivenessLevel; reasons: LivenessReasonCode[]; flags: SignalName[] };
  /**
   * Embedding mode: whether the template matches another stored account's now (within
   * `templates.matchThreshold`), which is what an operator's duplicate search would show. No match
   * is stored at enrolment, so this is searched when asked. Null in clip mode.
   */
  duplicateMatch: { matched: boolean; checkedAt: string } | null;
}

/** The erasure summary of deleted rows. */
export function erasureSummaryOf(receiptId: string, rows: ErasedRows): ErasureSummary {
  const removed: ErasedPart[] = ['sealed-payload'];
  if (rows.templates > 0) removed.push('face-template');
  if (rows.consentReceipts > 0) removed.push('consent-receipt');
  removed.push('submission-record');
  return {
    erased: true,
    receiptId,
    mode: rows.mode,
    removed,
    sealedBytes: rows.sealedBytes,
    nonceKeptUntil: rows.nonceUsableUntil ? rows.nonceUsableUntil.toISOString() : null,
  };
}

/** The description of a stored row, its consent receipt and (embedding mode) its duplicate check. */
export function descriptionOf(
  row: Omit<SubmissionMetaRow, 'sealed'>,
  consent: ConsentReceipt,
  template: { held: boolean; matched: boolean | null; checkedAt: Date },
): SubmissionDescription {
  return {
    receiptId: row.id,
    mode: row.mode,
    receivedAt: new Date(row.received_at).toISOString(),
    retentionUntil: new Date(row.retention_until).toISOString(),
    held: { sealedBytes: Number(row.sealed_bytes), payloadBytes: row.payload_bytes, payloadType: row.payload_type, faceTemplate: template.held },
    consent: {
      receiptId: consent.receiptId,
      agreedAt: consent.timestamp,
      noticeVersion: consent.noticeVersion,
      noticeHash: consent.noticeHash,
      purpose: consent.purpose,
      controller: { name: consent.controller.name, contact: consent.controller.contact },
      locale: consent.locale,
    },
    liveness: { level: row.liveness.level, reasons: row.liveness.reasons.map((r) => r.code), flags: [...row.liveness.flags] },
    duplicateMatch: template.matched === null ? null : { matched: template.matched, checkedAt: template.checkedAt.toISOString() },
  };
}

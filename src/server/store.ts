/**
 * Every SQL statement the server runs, parameterised, in one place. Database failures become
 * `storage-failed` errors whose message names the operation (the driver's error stays in `cause`,
 * where logs can see it and HTTP answers cannot).
 */
import { isFaceVerifyError } from '../shared/errors.js';
import type { VerificationMode } from '../shared/manifest.js';
import type { LivenessDecision } from '../shared/liveness-decision.js';
import type { CaptureSummary, ConsentReceipt } from '../shared/wire.js';
import type { SqlDatabase, SqlQueryable } from './database.js';
import { fail } from './fail.js';
import { matchAndEnroll, type TemplateMatch, type TemplateSearch } from './template-store.js';

/** What is stored for an accepted submission. */
export interface NewSubmission {
  id: string;
  sid: string;
  nonce: string;
  idempotencyKey: string;
  receivedAt: Date;
  /** Until when the nonce must stay spent: the challenge's submission window. */
  nonceUsableUntil: Date;
  mode: VerificationMode;
  sealed: Uint8Array;
  sealedSha256: string;
  payloadSha256: string;
  payloadBytes: number;
  payloadType: string;
  kid: string;
  capture: CaptureSummary;
  attestation: string;
  retentionUntil: Date;
  consent: ConsentReceipt;
  liveness: LivenessDecision;
}

/** Metadata of a stored submission (everything but the sealed bytes). */
export interface SubmissionMetaRow {
  id: string;
  sid: string;
  idempotency_key: string;
  received_at: Date;
  mode: VerificationMode;
  sealed_sha256: string;
  sealed_bytes: number;
  payload_sha256: string;
  payload_bytes: number;
  payload_type: string;
  kid: string;
  retention_until: Date;
  consent_receipt_id: string;
  capture: CaptureSummary;
  attestation: string;
  liveness: LivenessDecision;
}

/** The metadata row a just-stored submission reads back as (without querying for it). */
export function metaRowOf(s: NewSubmission): SubmissionMetaRow {
  return {
    id: s.id, sid: s.sid, idempotency_key: s.idempotencyKey, received_at: s.receivedAt, mode: s.mode,
    sealed_sha256: s.sealedSha256, sealed_bytes: s.sealed.length, payload_sha256: s.payloadSha256,
    payload_bytes: s.payloadBytes, payload_type: s.payloadType, kid: s.kid, retention_until: s.retentionUntil,
    consent_receipt_id: s.consent.receiptId, capture: s.capture, attestation: s.attestation, liveness: s.liveness,
  };
}

/** A stored submission with its sealed bytes. */
export interface SubmissionRow extends SubmissionMetaRow {
  sealed: Uint8Array;
}

const META_COLUMNS = `s.id, s.sid, s.idempotency_key, s.received_at, s.mode, s.sealed_sha256,
  octet_length(s.sealed) AS sealed_bytes, s.payload_sha256, s.payload_bytes, s.payload_type, s.kid,
  s.retention_until, r.consent->>'receiptId' AS consent_receipt_id, s.capture, s.attestation, s.liveness`;
const FROM = 'FROM face_verify_submissions s JOIN face_verify_receipts r ON r.submission_id = s.id';

/** Runs `fn`, turning database errors into `storage-failed` (FaceVerifyErrors pass through). */
export async function guarded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isFaceVerifyError(error)) throw error;
    fail('storage-failed', `${operation}: the database failed and nothing was changed; retry, and check the server log (error cause) if it persists`, error);
  }
}

/** The submission of session `sid` (metadata, no bytes), if one is stored. */
export function findBySession(db: SqlQueryable, sid: string): Promise<SubmissionMetaRow | undefined> {
  return guarded('verifySubmission', async () => {
    const { rows } = await db.query<SubmissionMetaRow>(`SELECT ${META_COLUMNS} ${FROM} WHERE s.sid = $1`, [sid]);
    return rows[0];
  });
}

/** True when `nonce` is spent (by a stored submission, or one erased since). */
export function isNonceSpent(db: SqlQueryable, nonce: string): Promise<boolean> {
  return guarded('verifySubmission', async () => {
    const { rows } = await db.query('SELECT 1 FROM face_verify_spent_nonces WHERE nonce = $1', [nonce]);
    return rows.length > 0;
  });
}

/** Embedding mode: the template to compare and enrol with the submission. */
export interface TemplateToEnroll {
  template: Float32Array;
  search: TemplateSearch;
  /** Refuse (roll everything back) when it matches a stored template. */
  refuseDuplicates: boolean;
}

/**
 * In one transaction: spends the nonce, stores the submission and its consent receipt, and in
 * embedding mode compares the template with the stored ones and enrols it (under the template lock).
 * @returns `status` `'stored'`; `'nonce-spent'` when the nonce was already spent; `'taken'` when the
 *   session already has a submission; `'duplicate'` when duplicates are refused and it matched
 *   (nothing is written then). `matches`: the stored templates it matched, nearest first.
 */
export function storeSubmission(db: SqlDatabase, s: NewSubmission, enrol?: TemplateToEnroll): Promise<{ status: 'stored' | 'nonce-spent' | 'taken' | 'duplicate'; matches: TemplateMatch[] }> {
  let matches: TemplateMatch[] = [];
  return guarded('verifySubmission', () =>
    db.transaction(async (tx) => {
      // ON CONFLICT rather than catching a unique violation: an error would abort a PostgreSQL transaction.
      const spent = await tx.query(
        `INSERT INTO face_verify_spent_nonces (nonce, sid, spent_at, usable_until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (nonce) DO NOTHING RETURNING nonce`,
        [s.nonce, s.sid, s.receivedAt, s.nonceUsableUntil],
      );
      if (spent.rows.length === 0) return { status: 'nonce-spent' as const, matches };
      const inserted = await tx.query(
        `INSERT INTO face_verify_submissions (id, sid, idempotency_key, received_at, mode, sealed, sealed_sha256,
           payload_sha256, payload_bytes, payload_type, kid, capture, attestation, retention_until, liveness)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15::jsonb)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          s.id, s.sid, s.idempotencyKey, s.receivedAt, s.mode, s.sealed, s.sealedSha256,
          s.payloadSha256, s.payloadBytes, s.payloadType, s.kid, JSON.stringify(s.capture), s.attestation, s.retentionUntil,
          JSON.stringify(s.liveness),
        ],
      );
      if (inserted.rows.length === 0) {
        // The nonce row just written must not stay: throwing rolls the transaction back.
        throw new Taken();
      }
      await tx.query('INSERT INTO face_verify_receipts (id, submission_id, consent, created_at) VALUES ($1, $2, $3::jsonb, $4)', [
        s.id, s.id, JSON.stringify(s.consent), s.receivedAt,
      ]);
      if (enrol) {
        matches = await matchAndEnroll(tx, s.id, enrol.template, s.receivedAt, enrol.search);
        if (enrol.refuseDuplicates && matches.length > 0) throw new Duplicate();
      }
      return { status: 'stored' as const, matches };
    }).catch((error: unknown) => {
      if (error instanceof Taken) return { status: 'taken' as const, matches: [] };
      if (error instanceof Duplicate) return { status: 'duplicate' as const, matches };
      throw error;
    }),
  );
}

/** Thrown inside the transaction to roll it back when the session or key already has a submission. */
class Taken extends Error {}
/** Thrown inside the transaction to roll it back when a refused duplicate was found. */
class Duplicate extends Error {}

/** The submission with receipt id `id`, sealed bytes included, if stored. */
export function getSubmission(db: SqlQueryable, id: string): Promise<SubmissionRow | undefined> {
  return guarded('openSubmission', async () => {
    const { rows } = await db.query<SubmissionRow>(`SELECT ${META_COLUMNS}, s.sealed ${FROM} WHERE s.id = $1`, [id]);
    return rows[0];
  });
}

/** The submission with receipt id `id`, without its bytes, if stored. */
export function getSubmissionMeta(db: SqlQueryable, id: string): Promise<SubmissionMetaRow | undefined> {
  return guarded('getReceipt', async () => {
    const { rows } = await db.query<SubmissionMetaRow>(`SELECT ${META_COLUMNS} ${FROM} WHERE s.id = $1`, [id]);
    return rows[0];
  });
}

/** Stored submissions, newest first, without sealed bytes. */
export function listSubmissionRows(db: SqlQueryable, limit: number, offset: number): Promise<SubmissionMetaRow[]> {
  return guarded('listSubmissions', async () => {
    const { rows } = await db.query<SubmissionMetaRow>(
      `SELECT ${META_COLUMNS} ${FROM} ORDER BY s.received_at DESC, s.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return rows;
  });
}

/** What {@link eraseRows} deleted, counted from the rows themselves. */
export interface ErasedRows {
  mode: VerificationMode;
  sealedBytes: number;
  /** Template rows deleted (embedding mode: 1; clip mode: 0). */
  templates: number;
  consentReceipts: number;
  /** Until when the spent nonce stays (null when it is already gone). */
  nonceUsableUntil: Date | null;
}

/**
 * In one transaction: deletes the submission's template, its consent receipt and the submission
 * row itself (sealed bytes, capture summary, attestation, liveness decision). Each is deleted by
 * name rather than left to the cascade, so what is reported is what was deleted. The spent nonce
 * stays until the challenge's window closes, so the erased bytes cannot be submitted again.
 * @returns null (nothing deleted) when no submission has this id.
 */
export function eraseRows(db: SqlDatabase, id: string): Promise<ErasedRows | null> {
  return guarded('eraseSubmission', () =>
    db.transaction(async (tx) => {
      const templates = await tx.query('DELETE FROM face_verify_templates WHERE submission_id = $1 RETURNING submission_id', [id]);
      const receipts = await tx.query('DELETE FROM face_verify_receipts WHERE submission_id = $1 RETURNING id', [id]);
      const { rows } = await tx.query<{ mode: VerificationMode; sid: string; sealed_bytes: number }>(
        'DELETE FROM face_verify_submissions WHERE id = $1 RETURNING mode, sid, octet_length(sealed) AS sealed_bytes',
        [id],
      );
      const erased = rows[0];
      if (!erased) return null;
      const nonce = await tx.query<{ usable_until: Date }>('SELECT usable_until FROM face_verify_spent_nonces WHERE sid = $1', [erased.sid]);
      return {
        mode: erased.mode,
        sealedBytes: Number(erased.sealed_bytes),
        templates: templates.rows.length,
        consentReceipts: receipts.rows.length,
        nonceUsableUntil: nonce.rows[0] ? new Date(nonce.rows[0].usable_until) : null,
      };
    }),
  );
}

/** The consent receipt stored with submission `id`, if stored. */
export function getConsentReceipt(db: SqlQueryable, id: string): Promise<ConsentReceipt | undefined> {
  return guarded('describeSubmission', async () => {
    const { rows } = await db.query<{ consent: ConsentReceipt }>('SELECT consent FROM face_verify_receipts WHERE submission_id = $1', [id]);
    return rows[0]?.consent;
  });
}

/** Counts of rows {@link purgeRows} deleted. */
export interface PurgeCounts {
  submissions: number;
  spentNonces: number;
}

/** Deletes submissions (and receipts) whose retention ended at or before `now`, and nonces no challenge can use any more. */
export function purgeRows(db: SqlDatabase, now: Date): Promise<PurgeCounts> {
  return guarded('purgeExpired', () =>
    db.transaction(async (tx) => {
      const submissions = await tx.query('DELETE FROM face_verify_submissions WHERE retention_until <= $1 RETURNING id', [now]);
      const nonces = await tx.query('DELETE FROM face_verify_spent_nonces WHERE usable_until < $1 RETURNING nonce', [now]);
      return { submissions: submissions.rows.length, spentNonces: nonces.rows.length };
    }),
  );
}

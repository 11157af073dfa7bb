/**
 * Every SQL statement the server runs, parameterised, in one place. Database failures become
 * `storage-failed` errors whose message names the operation (the driver's error stays in `cause`,
 * where logs can see it and HTTP answers cannot).
 */
import { isFaceVerifyError } from '../shared/errors.js';
import type { VerificationMode } from '../shared/manifest.js';
import type { CaptureSummary, ConsentReceipt } from '../shared/wire.js';
import type { SqlDatabase, SqlQueryable } from './database.js';
import { fail } from './fail.js';

/** A row of `sessions`. */
export interface SessionRow {
  sid: string;
  nonce: string;
  mode: VerificationMode;
  manifest_hash: string;
  jkt: string;
  created_at: Date;
  expires_at: Date;
}

/** What is stored for an accepted submission. */
export interface NewSubmission {
  id: string;
  sid: string;
  nonce: string;
  receivedAt: Date;
  mode: VerificationMode;
  sealed: Uint8Array;
  sealedSha256: string;
  payloadSha256: string;
  payloadBytes: number;
  kid: string;
  mimeType: string;
  capture: CaptureSummary;
  attestation: string;
  retentionUntil: Date;
  consent: ConsentReceipt;
}

/** Metadata of a stored submission (everything but the sealed bytes and the trace). */
export interface SubmissionMetaRow {
  id: string;
  sid: string;
  received_at: Date;
  mode: VerificationMode;
  sealed_sha256: string;
  sealed_bytes: number;
  payload_sha256: string;
  payload_bytes: number;
  kid: string;
  mime_type: string;
  retention_until: Date;
  consent_receipt_id: string;
  capture_summary: Omit<CaptureSummary, 'trace'>;
  trace_frames: number;
}

/** Metadata plus the attestation JWT as received. */
export interface SubmissionAttestedRow extends SubmissionMetaRow {
  attestation: string;
}

/** A stored submission with its attestation and sealed bytes. */
export interface SubmissionRow extends SubmissionAttestedRow {
  sealed: Uint8Array;
}

const META_COLUMNS = `s.id, s.sid, s.received_at, s.mode, s.sealed_sha256, s.sealed_bytes, s.payload_sha256,
  s.payload_bytes, s.kid, s.mime_type, s.retention_until,
  r.consent->>'receiptId' AS consent_receipt_id,
  s.capture - 'trace' AS capture_summary,
  COALESCE(jsonb_array_length(s.capture->'trace'->'rows'), 0)::int AS trace_frames`;

/** Runs `fn`, turning database errors into `storage-failed` (FaceVerifyErrors pass through). */
async function guarded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isFaceVerifyError(error)) throw error;
    fail('storage-failed', `${operation}: the database failed and nothing was changed; retry, and check the server log (error cause) if it persists`, error);
  }
}

/** Stores a new session. */
export function insertSession(db: SqlQueryable, row: SessionRow): Promise<void> {
  return guarded('createSession', async () => {
    await db.query(
      `INSERT INTO sessions (sid, nonce, mode, manifest_hash, jkt, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.sid, row.nonce, row.mode, row.manifest_hash, row.jkt, row.created_at, row.expires_at],
    );
  });
}

/** The session with id `sid`, if stored. */
export function findSession(db: SqlQueryable, sid: string): Promise<SessionRow | undefined> {
  return guarded('verifySubmission', async () => {
    const { rows } = await db.query<SessionRow>(
      'SELECT sid, nonce, mode, manifest_hash, jkt, created_at, expires_at FROM sessions WHERE sid = $1',
      [sid],
    );
    return rows[0];
  });
}

/** The submission of session `sid` (metadata and attestation, no bytes), if stored. */
export function findSubmissionBySid(db: SqlQueryable, sid: string): Promise<SubmissionAttestedRow | undefined> {
  return guarded('verifySubmission', async () => {
    const { rows } = await db.query<SubmissionAttestedRow>(
      `SELECT ${META_COLUMNS}, s.attestation FROM submissions s JOIN receipts r ON r.submission_id = s.id WHERE s.sid = $1`,
      [sid],
    );
    return rows[0];
  });
}

/**
 * In one transaction: spends the nonce, stores the submission and its consent receipt.
 * @returns `'stored'`, or `'nonce-spent'` when the nonce was already spent (nothing is written then).
 */
export function storeSubmission(db: SqlDatabase, s: NewSubmission): Promise<'stored' | 'nonce-spent'> {
  return guarded('verifySubmission', () =>
    db.transaction(async (tx) => {
      // ON CONFLICT rather than catching a unique violation: an error would abort a PostgreSQL transaction.
      const spent = await tx.query(
        'INSERT INTO spent_nonces (nonce, sid, spent_at) VALUES ($1, $2, $3) ON CONFLICT (nonce) DO NOTHING RETURNING nonce',
        [s.nonce, s.sid, s.receivedAt],
      );
      if (spent.rows.length === 0) return 'nonce-spent' as const;
      await tx.query(
        `INSERT INTO submissions (id, sid, received_at, mode, sealed, sealed_sha256, sealed_bytes, payload_sha256,
           payload_bytes, kid, mime_type, capture, attestation, retention_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14)`,
        [
          s.id, s.sid, s.receivedAt, s.mode, s.sealed, s.sealedSha256, s.sealed.length, s.payloadSha256,
          s.payloadBytes, s.kid, s.mimeType, JSON.stringify(s.capture), s.attestation, s.retentionUntil,
        ],
      );
      await tx.query('INSERT INTO receipts (id, submission_id, consent, created_at) VALUES ($1, $2, $3::jsonb, $4)', [
        s.id, s.id, JSON.stringify(s.consent), s.receivedAt,
      ]);
      return 'stored' as const;
    }),
  );
}

/** The submission with receipt id `id`, sealed bytes included, if stored. */
export function getSubmission(db: SqlQueryable, id: string): Promise<SubmissionRow | undefined> {
  return guarded('openSubmission', async () => {
    const { rows } = await db.query<SubmissionRow>(
      `SELECT ${META_COLUMNS}, s.attestation, s.sealed FROM submissions s JOIN receipts r ON r.submission_id = s.id WHERE s.id = $1`,
      [id],
    );
    return rows[0];
  });
}

/** Stored submissions, newest first, without sealed bytes. */
export function listSubmissionRows(db: SqlQueryable, limit: number, offset: number): Promise<SubmissionMetaRow[]> {
  return guarded('listSubmissions', async () => {
    const { rows } = await db.query<SubmissionMetaRow>(
      `SELECT ${META_COLUMNS} FROM submissions s JOIN receipts r ON r.submission_id = s.id
       ORDER BY s.received_at DESC, s.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return rows;
  });
}

/**
 * Deletes a submission, its receipt (by cascade), its session and its spent nonce.
 * @returns false when no submission has this id.
 */
export function deleteSubmission(db: SqlDatabase, id: string): Promise<boolean> {
  return guarded('eraseSubmission', () =>
    db.transaction(async (tx) => {
      const { rows } = await tx.query<{ sid: string }>('DELETE FROM submissions WHERE id = $1 RETURNING sid', [id]);
      const sid = rows[0]?.sid;
      if (sid === undefined) return false;
      await tx.query('DELETE FROM sessions WHERE sid = $1', [sid]);
      await tx.query('DELETE FROM spent_nonces WHERE sid = $1', [sid]);
      return true;
    }),
  );
}

/** Counts of rows {@link purgeRows} deleted. */
export interface PurgeCounts {
  submissions: number;
  sessions: number;
  spentNonces: number;
}

/**
 * Deletes submissions (and their receipts) whose retention ended at or before `now`, sessions that
 * expired before `sessionsBefore`, and nonces spent before `noncesBefore`.
 */
export function purgeRows(db: SqlDatabase, now: Date, sessionsBefore: Date, noncesBefore: Date): Promise<PurgeCounts> {
  return guarded('purgeExpired', () =>
    db.transaction(async (tx) => {
      const submissions = await tx.query('DELETE FROM submissions WHERE retention_until <= $1 RETURNING id', [now]);
      const sessions = await tx.query('DELETE FROM sessions WHERE expires_at < $1 RETURNING sid', [sessionsBefore]);
      const nonces = await tx.query('DELETE FROM spent_nonces WHERE spent_at < $1 RETURNING nonce', [noncesBefore]);
      return { submissions: submissions.rows.length, sessions: sessions.rows.length, spentNonces: nonces.rows.length };
    }),
  );
}

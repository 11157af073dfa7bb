/**
 * The versioned schema. Each migration runs once, in order, inside one transaction that also records
 * it in `face_verify_schema`; an advisory lock keeps two servers starting at once from racing.
 * Never edit a released migration: append a new one.
 */
import type { SqlDatabase } from './database.js';
import { isFaceVerifyError } from '../shared/errors.js';
import { fail } from './fail.js';

/** One step of the schema. */
export interface Migration {
  /** Strictly increasing, starting at 1. */
  version: number;
  description: string;
  /** Statements run in order; one statement each (see the conventions in database.ts). */
  statements: readonly string[];
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sessions, spent nonces, sealed submissions and consent receipts',
    statements: [
      `CREATE TABLE sessions (
        sid TEXT PRIMARY KEY,
        nonce TEXT NOT NULL UNIQUE,
        mode TEXT NOT NULL CHECK (mode IN ('clip', 'embedding')),
        manifest_hash TEXT NOT NULL,
        jkt TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`,
      `CREATE TABLE spent_nonces (
        nonce TEXT PRIMARY KEY,
        sid TEXT NOT NULL,
        spent_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE INDEX spent_nonces_spent_at_idx ON spent_nonces (spent_at)`,
      // The blob stays sealed at rest: the plaintext is never written, only opened on demand.
      `CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        sid TEXT NOT NULL UNIQUE,
        received_at TIMESTAMPTZ NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('clip', 'embedding')),
        sealed BYTEA NOT NULL,
        sealed_sha256 TEXT NOT NULL,
        sealed_bytes INTEGER NOT NULL,
        payload_sha256 TEXT NOT NULL,
        payload_bytes INTEGER NOT NULL,
        kid TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        capture JSONB NOT NULL,
        attestation TEXT NOT NULL,
        retention_until TIMESTAMPTZ NOT NULL
      )`,
      `CREATE INDEX submissions_retention_until_idx ON submissions (retention_until)`,
      `CREATE TABLE receipts (
        id TEXT PRIMARY KEY,
        submission_id TEXT NOT NULL UNIQUE REFERENCES submissions (id) ON DELETE CASCADE,
        consent JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    description: 'format v2: no session rows; idempotency keys; the trace only inside the seal; face_verify_ table names',
    // Format-v1 blobs are sealed under a v1 `info` that v2 can no longer open, so they are dropped,
    // not converted; and nothing is stored for a page view any more.
    statements: [
      'DROP TABLE receipts',
      'DROP TABLE submissions',
      'DROP TABLE spent_nonces',
      'DROP TABLE sessions',
      // Kept until the challenge's submission window closes, even after an erasure: a replay of the
      // erased submission's bytes must still be refused.
      `CREATE TABLE face_verify_spent_nonces (
        nonce TEXT PRIMARY KEY,
        sid TEXT NOT NULL,
        spent_at TIMESTAMPTZ NOT NULL,
        usable_until TIMESTAMPTZ NOT NULL
      )`,
      'CREATE INDEX face_verify_spent_nonces_usable_until_idx ON face_verify_spent_nonces (usable_until)',
      // The sealed part is stored exactly as received; the plaintext (clip and trace) is never written.
      `CREATE TABLE face_verify_submissions (
        id TEXT PRIMARY KEY,
        sid TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL,
        received_at TIMESTAMPTZ NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('clip', 'embedding')),
        sealed BYTEA NOT NULL,
        sealed_sha256 TEXT NOT NULL,
        payload_sha256 TEXT NOT NULL,
        payload_bytes INTEGER NOT NULL,
        payload_type TEXT NOT NULL,
        kid TEXT NOT NULL,
        capture JSONB NOT NULL,
        attestation TEXT NOT NULL,
        retention_until TIMESTAMPTZ NOT NULL
      )`,
      'CREATE INDEX face_verify_submissions_retention_until_idx ON face_verify_submissions (retention_until)',
      `CREATE TABLE face_verify_receipts (
        id TEXT PRIMARY KEY,
        submission_id TEXT NOT NULL UNIQUE REFERENCES face_verify_submissions (id) ON DELETE CASCADE,
        consent JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    description: 'liveness: the decision stored with each submission',
    statements: [
      // Submissions stored before liveness existed had no decision: they read as failed, never as passed.
      `ALTER TABLE face_verify_submissions ADD COLUMN liveness JSONB NOT NULL DEFAULT '{"level":"failed","reasons":[{"code":"trace-unusable","message":"stored before liveness was checked"}],"flags":[],"actions":[],"colour":null,"signals":[]}'::jsonb`,
    ],
  },
  {
    version: 4,
    description: 'embedding mode: face templates (pgvector, HNSW index), one per submission, erased with it',
    statements: [
      'CREATE EXTENSION IF NOT EXISTS vector',
      // Deleting the submission (erasure, retention) deletes its template, and so its index entry.
      `CREATE TABLE face_verify_templates (
        submission_id TEXT PRIMARY KEY REFERENCES face_verify_submissions (id) ON DELETE CASCADE,
        template vector(128) NOT NULL,
        enrolled_at TIMESTAMPTZ NOT NULL
      )`,
      // Templates are unit vectors, so Euclidean distance orders exactly as cosine similarity does.
      'CREATE INDEX face_verify_templates_hnsw_idx ON face_verify_templates USING hnsw (template vector_l2_ops)',
    ],
  },
];

/** The schema version this library writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Arbitrary constant naming the advisory lock taken while migrating ("fv" + schema). */
const MIGRATION_LOCK_ID = 0x66760001;

/**
 * Brings the database to {@link SCHEMA_VERSION}, applying only the migrations it lacks.
 * @returns the versions applied by this call (empty when the schema was already current).
 * @throws FaceVerifyError `storage-failed` when a migration fails (nothing of it is kept) or the
 *   database was written by a newer face-verify.
 */
export async function migrate(db: SqlDatabase): Promise<{ applied: number[]; version: number }> {
  let applied: number[];
  try {
    applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
      await tx.query(`CREATE TABLE IF NOT EXISTS face_verify_schema (
        version INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
      const { rows } = await tx.query<{ version: number }>('SELECT version FROM face_verify_schema ORDER BY version');
      const have = new Set(rows.map((r) => Number(r.version)));
      const newest = Math.max(0, ...have);
      if (newest > SCHEMA_VERSION) {
        fail('storage-failed', `migrate: the database has schema version ${newest}, newer than this face-verify understands (${SCHEMA_VERSION}); upgrade face-verify or point it at another database`);
      }
      const done: number[] = [];
      for (const m of MIGRATIONS) {
        if (have.has(m.version)) continue;
        for (const sql of m.statements) await tx.query(sql);
        await tx.query('INSERT INTO face_verify_schema (version, description) VALUES ($1, $2)', [m.version, m.description]);
        done.push(m.version);
      }
      return done;
    });
  } catch (cause) {
    if (isFaceVerifyError(cause)) throw cause;
    fail('storage-failed', 'migrate: creating the face-verify tables failed and nothing was changed; see `cause` for the database error', cause);
  }
  return { applied, version: SCHEMA_VERSION };
}

/**
 * The face-template store (embedding mode): one unit 128-d template per accepted submission, in
 * face_verify_templates (pgvector, HNSW index), deleted with its submission. The same SQL runs on
 * PGlite and on PostgreSQL.
 *
 * Templates are biometric data. They are stored in clear in the vector column, because the index
 * must compare them; what protects them is the database's own access control and encryption at
 * rest, and their retention (README "Templates at rest").
 */
import { TEMPLATE_DIMENSIONS } from '../shared/face-template.js';
import type { SqlQueryable } from './database.js';
import { fail } from './fail.js';

/** One stored template near a probe. */
export interface TemplateMatch {
  /** The submission (receipt id) the template belongs to. */
  submissionId: string;
  /** Euclidean distance between the unit templates, 0…2. */
  distance: number;
}

/**
 * Arbitrary constant naming the advisory lock held while a template is compared with the stored
 * ones and enrolled ("fv" + 2): two enrolments of one face, on two servers sharing a database,
 * cannot both miss each other.
 */
export const TEMPLATE_LOCK_ID = 0x66760002;

/** Most neighbours a duplicate search returns (at most the HNSW search list below). */
export const MAX_NEIGHBOURS = 40;

/**
 * The HNSW search list (`hnsw.ef_search`) of a duplicate search unless `templates.efSearch` says
 * otherwise: how many candidates the index walks before it answers. pgvector's own default, 40,
 * found the true neighbour first for 178 of 200 probes among 1M templates; 100 for 199 of 200, at
 * twice the time (p95 20.9 ms against 10.6; bench/template-search.ts). A missed duplicate is the
 * costly error here, and the search runs once per enrolment.
 */
export const HNSW_EF_SEARCH = 100;
/** pgvector's own upper limit of `hnsw.ef_search`. */
export const MAX_EF_SEARCH = 1000;

/** How a duplicate search runs: at most `k`, within `maxDistance`, with this HNSW search list (default {@link HNSW_EF_SEARCH}). */
export interface TemplateSearch {
  k: number;
  maxDistance: number;
  efSearch?: number;
}

/** pgvector's text form of a template. */
export function vectorLiteral(template: ArrayLike<number>): string {
  if (template.length !== TEMPLATE_DIMENSIONS) fail('invalid-argument', `template: has ${template.length} numbers, must have ${TEMPLATE_DIMENSIONS}`);
  const parts: string[] = [];
  for (let i = 0; i < template.length; i++) {
    const v = template[i]!;
    if (!Number.isFinite(v)) fail('invalid-argument', `template: number ${i} is not finite`);
    parts.push(String(v));
  }
  return `[${parts.join(',')}]`;
}

/** Takes the enrolment lock until the end of the transaction `tx` is in. */
export async function lockTemplates(tx: SqlQueryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [TEMPLATE_LOCK_ID]);
}

/**
 * The stored templates nearest `template`, nearest first, at most `k`, within `maxDistance`.
 * @param tx - an open transaction: the index's search list is set for it alone (SET LOCAL).
 * @param exclude - a submission to leave out (the probe's own).
 * @param efSearch - the HNSW search list (bench/template-search.ts compares settings).
 */
export async function nearestTemplates(tx: SqlQueryable, template: ArrayLike<number>, k: number, maxDistance: number, exclude?: string, efSearch = HNSW_EF_SEARCH): Promise<TemplateMatch[]> {
  if (!Number.isInteger(k) || k < 1 || k > MAX_NEIGHBOURS) fail('invalid-argument', `k: must be a whole number from 1 to ${MAX_NEIGHBOURS}`);
  if (!Number.isInteger(efSearch) || efSearch < k || efSearch > MAX_EF_SEARCH) fail('invalid-argument', `efSearch: must be a whole number from k (${k}) to ${MAX_EF_SEARCH}`);
  // SET takes no bound parameters; efSearch is a checked integer.
  await tx.query(`SET LOCAL hnsw.ef_search = ${efSearch}`);
  // The ORDER BY … LIMIT form is the one the HNSW index serves; the distance filter is applied to
  // the k it returns.
  const { rows } = await tx.query<{ submission_id: string; distance: number }>(
    `SELECT submission_id, distance FROM (
       SELECT submission_id, template <-> $1::vector AS distance FROM face_verify_templates
       WHERE submission_id <> $3 ORDER BY template <-> $1::vector LIMIT $2
     ) nearest WHERE distance <= $4 ORDER BY distance`,
    [vectorLiteral(template), k, exclude ?? '', maxDistance],
  );
  return rows.map((r) => ({ submissionId: r.submission_id, distance: Number(r.distance) }));
}

/** Stores the template of submission `submissionId` (which must be stored in the same transaction). */
export async function enrollTemplate(tx: SqlQueryable, submissionId: string, template: ArrayLike<number>, enrolledAt: Date): Promise<void> {
  await tx.query('INSERT INTO face_verify_templates (submission_id, template, enrolled_at) VALUES ($1, $2::vector, $3)', [submissionId, vectorLiteral(template), enrolledAt]);
}

/** The distance between two stored templates; null when either submission has none. */
export async function storedDistance(db: SqlQueryable, a: string, b: string): Promise<number | null> {
  const { rows } = await db.query<{ distance: number }>(
    `SELECT x.template <-> y.template AS distance FROM face_verify_templates x, face_verify_templates y
     WHERE x.submission_id = $1 AND y.submission_id = $2`,
    [a, b],
  );
  return rows[0] ? Number(rows[0].distance) : null;
}

/** The distance between a stored template and a probe; null when the submission has none. */
export async function distanceTo(db: SqlQueryable, submissionId: string, template: ArrayLike<number>): Promise<number | null> {
  const { rows } = await db.query<{ distance: number }>('SELECT template <-> $2::vector AS distance FROM face_verify_templates WHERE submission_id = $1', [submissionId, vectorLiteral(template)]);
  return rows[0] ? Number(rows[0].distance) : null;
}

/** The stored template of a submission, or null. */
export async function templateOf(db: SqlQueryable, submissionId: string): Promise<Float32Array | null> {
  const { rows } = await db.query<{ template: string }>('SELECT template::text AS template FROM face_verify_templates WHERE submission_id = $1', [submissionId]);
  return rows[0] ? Float32Array.from(JSON.parse(rows[0].template) as number[]) : null;
}

/** How many templates are stored. */
export async function countTemplates(db: SqlQueryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM face_verify_templates');
  return rows[0]!.n;
}

/**
 * Under the enrolment lock, in `tx`: the stored templates within `maxDistance` of `template`
 * (nearest first, at most `k`), then `template` enrolled for `submissionId`. Two enrolments of one
 * face, even on two servers sharing the database, are serialised: the later one always finds the
 * earlier.
 */
export async function matchAndEnroll(tx: SqlQueryable, submissionId: string, template: ArrayLike<number>, enrolledAt: Date, search: TemplateSearch): Promise<TemplateMatch[]> {
  await lockTemplates(tx);
  const matches = await nearestTemplates(tx, template, search.k, search.maxDistance, submissionId, search.efSearch);
  await enrollTemplate(tx, submissionId, template, enrolledAt);
  return matches;
}

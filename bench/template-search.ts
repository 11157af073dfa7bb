/**
 * 1:N duplicate search: p50/p95 of the store's own query (nearestTemplates: HNSW, k = 5, limit 0.4)
 * over N stored random unit templates, on PGlite and, with DATABASE_URL, on PostgreSQL. Also the
 * recall of the HNSW answer against an exact scan, so speed is not bought with missed duplicates.
 *
 *   node --import tsx bench/template-search.ts [--pglite 10000,100000] [--postgres 1000000] [--ef-search 40,100]
 *
 * Each `--ef-search` value (HNSW's search list; default: the store's own) is measured on the same
 * loaded index, so the printed recall and latency compare settings in one run.
 *
 * Rows are written in bulk (multi-row INSERTs) into the real schema
 * (stub submissions satisfy the foreign key); the index is rebuilt after loading, as an operator
 * restoring a backup would.
 */
import { openPGlite, type SqlDatabase } from '../src/server/database.js';
import { migrate } from '../src/server/migrations.js';
import { openPostgres } from '../src/server/postgres.js';
import { HNSW_EF_SEARCH, nearestTemplates, vectorLiteral } from '../src/server/template-store.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return (i >= 0 ? process.argv[i + 1]! : fallback).split(',').filter(Boolean).map(Number);
};
const pgliteSizes = arg('pglite', '10000,100000');
const postgresSizes = process.env['DATABASE_URL'] ? arg('postgres', '1000000') : [];
const efSearches = arg('ef-search', String(HNSW_EF_SEARCH));
const QUERIES = 200;

let seed = 1;
const random = () => ((seed = (seed * 1664525 + 1013904223) % 4294967296) + 0.5) / 4294967296;
function unit(): Float32Array {
  const v = Float32Array.from({ length: 128 }, () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random()));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

async function load(db: SqlDatabase, n: number, buildMemory: string | null): Promise<Float32Array[]> {
  await db.query('DROP INDEX IF EXISTS face_verify_templates_hnsw_idx');
  const kept: Float32Array[] = [];
  const batch = 500;
  for (let start = 0; start < n; start += batch) {
    const count = Math.min(batch, n - start);
    const ids = Array.from({ length: count }, (_, i) => `bench-${start + i}`);
    const subs = ids.map((_, i) => `($${i + 1}, $${i + 1}, $${i + 1}, now(), 'embedding', '\\x00'::bytea, '', '', 0, '', '', '{}'::jsonb, '', now() + interval '1 day')`).join(',');
    await db.query(`INSERT INTO face_verify_submissions (id, sid, idempotency_key, received_at, mode, sealed, sealed_sha256, payload_sha256, payload_bytes, payload_type, kid, capture, attestation, retention_until) VALUES ${subs}`, ids);
    const vectors = ids.map(() => unit());
    if (kept.length < QUERIES) kept.push(...vectors.slice(0, QUERIES - kept.length));
    const rows = ids.map((_, i) => `($${i * 2 + 1}, $${i * 2 + 2}::vector, now())`).join(',');
    await db.query(`INSERT INTO face_verify_templates (submission_id, template, enrolled_at) VALUES ${rows}`, ids.flatMap((id, i) => [id, vectorLiteral(vectors[i]!)]));
  }
  const started = performance.now();
  await db.transaction(async (tx) => {
    // A server builds an HNSW index far faster when the graph fits in maintenance_work_mem
    // (an operator would set it for a rebuild); PGlite's wasm heap is left at its default.
    if (buildMemory) await tx.query(`SET LOCAL maintenance_work_mem = '${buildMemory}'`);
    await tx.query('CREATE INDEX face_verify_templates_hnsw_idx ON face_verify_templates USING hnsw (template vector_l2_ops)');
  });
  console.log(`    index built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return kept;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function measure(label: string, db: SqlDatabase, n: number, buildMemory: string | null = null): Promise<void> {
  await migrate(db);
  const loadStarted = performance.now();
  const stored = await load(db, n, buildMemory);
  console.log(`    ${n} templates loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
  // Probes: stored templates moved a little (a returning face), so each has one true neighbour.
  const probes = stored.map((v) => {
    const w = v.map((x) => x + 0.02 * (random() - 0.5));
    const m = Math.hypot(...w);
    return w.map((x) => x / m);
  });
  for (const ef of efSearches) {
    const times: number[] = [];
    let found = 0;
    for (const [i, probe] of probes.entries()) {
      const started = performance.now();
      const matches = await db.transaction((tx) => nearestTemplates(tx, probe, 5, 0.4, undefined, ef));
      times.push(performance.now() - started);
      if (matches[0]?.submissionId === `bench-${i}`) found++;
    }
    times.sort((a, b) => a - b);
    console.log(`  ${label} N=${n}, ef_search ${ef}: p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms over ${QUERIES} queries; the true neighbour first in ${found}/${probes.length}`);
  }
}

for (const n of pgliteSizes) {
  const db = await openPGlite('memory://');
  try {
    await measure('PGlite', db, n);
  } finally {
    await db.close();
  }
}
for (const n of postgresSizes) {
  const db = await openPostgres({ connectionString: process.env['DATABASE_URL']! });
  try {
    await db.query('DELETE FROM face_verify_submissions WHERE id LIKE $1', ['bench-%']).catch(() => {});
    await measure('PostgreSQL', db, n, '4GB');
    await db.query('DELETE FROM face_verify_submissions WHERE id LIKE $1', ['bench-%']);
  } finally {
    await db.close();
  }
}

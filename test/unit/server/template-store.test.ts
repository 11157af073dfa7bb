/**
 * The face-template store on the suite's database (PGlite, or PostgreSQL in the second run): k-NN
 * under a distance limit, enrolment under the lock, and templates leaving with their submission
 * (erasure, retention). Distances expected here are computed in the test with plain arithmetic.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SqlDatabase } from '../../../src/server/database.js';
import { openPostgres } from '../../../src/server/postgres.js';
import { countTemplates, distanceTo, enrollTemplate, HNSW_EF_SEARCH, matchAndEnroll, MAX_NEIGHBOURS, nearestTemplates, storedDistance, vectorLiteral } from '../../../src/server/template-store.js';
import { clock, erasureParams, honestSubmission, parts, useServer } from './helpers.js';
import { TEST_DATABASE, type TestDatabase } from './test-database.js';

const fx = useServer();

/** A seeded random unit vector (Box–Muller normals, normalised). */
function unit(seed: number): Float32Array {
  let s = seed * 2654435761 % 4294967296;
  const next = () => ((s = (s * 1664525 + 1013904223) % 4294967296) + 0.5) / 4294967296;
  const v = Float32Array.from({ length: 128 }, () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next()));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}
/** `v` moved by `step` along a seeded random direction, back at unit length. */
function near(v: Float32Array, seed: number, step: number): Float32Array {
  const d = unit(seed);
  const w = v.map((x, i) => x + step * d[i]!);
  const n = Math.hypot(...w);
  return w.map((x) => x / n);
}
const euclid = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, x, i) => s + (x - b[i]!) ** 2, 0));

async function storedSubmission(): Promise<string> {
  return (await fx.server.verifySubmission(parts(await honestSubmission(fx.server)))).receipt.receiptId;
}
async function enroll(db: SqlDatabase, id: string, template: Float32Array): Promise<void> {
  await db.transaction((tx) => enrollTemplate(tx, id, template, new Date(clock.ms)));
}

/** A duplicate search as the server runs it: in its own transaction. */
const search = (template: Float32Array, k: number, maxDistance: number, exclude?: string, efSearch?: number) =>
  fx.db.transaction((tx) => nearestTemplates(tx, template, k, maxDistance, exclude, efSearch));

describe(`the template store (${TEST_DATABASE})`, () => {
  const ids: string[] = [];
  const templates: Float32Array[] = [];
  before(async () => {
    for (let i = 0; i < 6; i++) {
      ids.push(await storedSubmission());
      templates.push(unit(i + 1));
      await enroll(fx.db, ids[i]!, templates[i]!);
    }
  });

  test('the nearest stored template to a slightly moved copy is its source, at the distance plain arithmetic gives', async () => {
    const probe = near(templates[3]!, 99, 0.2);
    const found = await search(probe, 5, 2);
    assert.equal(found[0]!.submissionId, ids[3]);
    assert.ok(Math.abs(found[0]!.distance - euclid(probe, templates[3]!)) < 1e-5, `${found[0]!.distance} vs ${euclid(probe, templates[3]!)}`);
    // Unrelated random unit vectors in 128-d sit near √2 apart.
    for (const other of found.slice(1)) assert.ok(other.distance > 1.1, String(other.distance));
    assert.deepEqual(found.map((f) => f.distance), [...found.map((f) => f.distance)].sort((a, b) => a - b), 'nearest first');
  });

  test('the distance limit, k and the excluded submission are obeyed', async () => {
    const probe = near(templates[1]!, 7, 0.1);
    assert.deepEqual((await search(probe, 5, 0.5)).map((m) => m.submissionId), [ids[1]]);
    assert.deepEqual(await search(probe, 5, 0.5, ids[1]), []);
    assert.equal((await search(probe, 2, 2)).length, 2);
    await assert.rejects(search(probe, MAX_NEIGHBOURS + 1, 2), /k: must be a whole number from 1 to 40/);
    await assert.rejects(search(probe, 5, 2, undefined, 4), /efSearch: must be a whole number from k \(5\) to 1000/);
  });

  test(`the HNSW search list is set for the search's own transaction alone (default ${HNSW_EF_SEARCH}, not pgvector's 40)`, async () => {
    const probe = near(templates[2]!, 3, 0.1);
    const inside = await fx.db.transaction(async (tx) => {
      await nearestTemplates(tx, probe, 5, 2);
      return (await tx.query<{ ef: string }>("SELECT current_setting('hnsw.ef_search') AS ef")).rows[0]!.ef;
    });
    assert.equal(inside, String(HNSW_EF_SEARCH));
    const chosen = await fx.db.transaction(async (tx) => {
      await nearestTemplates(tx, probe, 5, 2, undefined, 250);
      return (await tx.query<{ ef: string }>("SELECT current_setting('hnsw.ef_search') AS ef")).rows[0]!.ef;
    });
    assert.equal(chosen, '250');
    const after = await fx.db.transaction(async (tx) => (await tx.query<{ ef: string }>("SELECT current_setting('hnsw.ef_search') AS ef")).rows[0]!.ef);
    assert.equal(after, '40', 'the next transaction is back to the database default');
  });

  test('1:1: the distance between two stored templates, and between a stored one and a probe', async () => {
    const d = await storedDistance(fx.db, ids[0]!, ids[2]!);
    assert.ok(d !== null && Math.abs(d - euclid(templates[0]!, templates[2]!)) < 1e-5);
    const probe = near(templates[0]!, 5, 0.05);
    assert.ok(Math.abs((await distanceTo(fx.db, ids[0]!, probe))! - euclid(probe, templates[0]!)) < 1e-5);
    assert.equal(await storedDistance(fx.db, ids[0]!, 'no-such-submission'), null);
  });

  test('a template that is not 128 finite numbers is refused before any SQL runs', () => {
    assert.throws(() => vectorLiteral(new Float32Array(127)), /has 127 numbers, must have 128/);
    const bad = unit(1);
    bad[5] = Number.NaN;
    assert.throws(() => vectorLiteral(bad), /number 5 is not finite/);
  });

  test('erasing a submission removes its template from the index; so does its retention ending', async () => {
    const { receipt } = await fx.server.verifySubmission(parts(await honestSubmission(fx.server)));
    const t = unit(500);
    await enroll(fx.db, receipt.receiptId, t);
    const before = await countTemplates(fx.db);
    const link = erasureParams(receipt);
    await fx.server.eraseSubmission(link.receipt, link.token);
    assert.equal(await countTemplates(fx.db), before - 1);
    assert.deepEqual(await search(t, 3, 0.5), []);
    // Retention: the purge deletes every submission whose retention ended, and their templates.
    const saved = clock.ms;
    try {
      clock.ms += 400 * 86_400_000;
      const purged = await fx.server.purgeExpired();
      assert.ok(purged.submissions >= ids.length);
      assert.equal(await countTemplates(fx.db), 0);
    } finally {
      clock.ms = saved;
    }
  });
});

describe(`two enrolments of one face at once (${TEST_DATABASE})`, () => {
  let second: SqlDatabase;
  before(async () => {
    // On PostgreSQL a second pool on the same database: what a second server instance holds.
    const url = (fx.db as TestDatabase).url;
    second = url ? await openPostgres({ connectionString: url }) : fx.db;
  });
  after(async () => {
    if (second !== fx.db) await second.close();
  });

  test('of each pair enrolled side by side through two connections, exactly one finds the other', async () => {
    for (let pair = 0; pair < 8; pair++) {
      const face = unit(1000 + pair);
      const [a, b] = [await storedSubmission(), await storedSubmission()];
      const search = { k: 5, maxDistance: 0.4 };
      const [ma, mb] = await Promise.all([
        fx.db.transaction((tx) => matchAndEnroll(tx, a, near(face, 1, 0.05), new Date(clock.ms), search)),
        second.transaction((tx) => matchAndEnroll(tx, b, near(face, 2, 0.05), new Date(clock.ms), search)),
      ]);
      const found = [...ma, ...mb].map((m) => m.submissionId).sort();
      assert.equal(ma.length + mb.length, 1, `pair ${pair}: ${JSON.stringify([ma, mb])}`);
      assert.ok(found[0] === a || found[0] === b);
    }
  });
});

/**
 * The embedding mode on the server: a sealed template opened, checked and bound to the trace,
 * compared with the stored templates and enrolled in the same transaction; 1:1 and 1:N on stored
 * ones; refusals that store nothing. Distances expected here are computed in the test.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeTemplate, TEMPLATE_MEDIA_TYPE } from '../../../src/shared/face-template.js';
import type { Evidence } from '../../../src/shared/evidence.js';
import { traceColumn } from '../../../src/shared/trace.js';
import { countTemplates, nearestTemplates } from '../../../src/server/template-store.js';
import { buildSubmission, erasureParams, honestSubmission, leadFrames, manifest, parts, rejects, startSession, templateTweaks, useServer } from './helpers.js';
import type { FaceVerifyServer } from '../../../src/server/server.js';

const embedding = { ...manifest, mode: 'embedding' as const };
const fx = useServer({ manifest: embedding });
const strict = useServer({ manifest: embedding, templates: { duplicates: 'refuse' } });
/** Its scripts are turns only, so every trace has frames with the head turned well past 15°. */
const turns = useServer({ manifest: embedding, liveness: { actions: ['turn-left', 'turn-right'] } });

/** A seeded random unit vector. */
function face(seed: number): Float32Array {
  let s = (seed * 2654435761) % 4294967296;
  const next = () => ((s = (s * 1664525 + 1013904223) % 4294967296) + 0.5) / 4294967296;
  const v = Float32Array.from({ length: 128 }, () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next()));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}
/** The same face on another day: moved by `step` along a seeded direction, back at unit length. */
function again(v: Float32Array, seed: number, step = 0.15): Float32Array {
  const d = face(seed + 7777);
  const w = v.map((x, i) => x + step * d[i]!);
  const n = Math.hypot(...w);
  return w.map((x) => x / n);
}
const euclid = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, x, i) => s + (x - b[i]!) ** 2, 0));

async function submit(server: FaceVerifyServer, template: Float32Array) {
  return server.verifySubmission(parts(await honestSubmission(server, templateTweaks(template))));
}

describe('a sealed template', () => {
  test('is opened, stored with its decision and enrolled; the same face later matches it at the distance plain arithmetic gives', async () => {
    const alice = face(1);
    const first = await submit(fx.server, alice);
    assert.equal(first.decision.level, 'passed');
    assert.deepEqual(first.matches, []);
    assert.deepEqual([...first.template!], [...alice]);
    const later = again(alice, 1);
    const second = await submit(fx.server, later);
    assert.equal(second.matches.length, 1);
    assert.equal(second.matches[0]!.submissionId, first.receipt.receiptId);
    assert.ok(Math.abs(second.matches[0]!.distance - euclid(alice, later)) < 1e-5);
    // 1:N on stored ones, and 1:1.
    assert.deepEqual((await fx.server.findMatches(first.receipt.receiptId)).map((m) => m.submissionId), [second.receipt.receiptId]);
    const same = await fx.server.compareSubmissions(first.receipt.receiptId, second.receipt.receiptId);
    assert.equal(same.match, true);
    const bob = await submit(fx.server, face(2));
    assert.deepEqual(bob.matches, []);
    const different = await fx.server.compareSubmissions(first.receipt.receiptId, bob.receipt.receiptId);
    assert.equal(different.match, false);
    assert.ok(different.distance > 1, 'unrelated random templates sit near √2 apart');
  });

  test('erasing a submission takes its template out of every later search', async () => {
    const carol = face(3);
    const kept = await submit(fx.server, carol);
    const erased = await submit(fx.server, again(carol, 3));
    assert.equal(erased.matches.length, 1);
    const link = erasureParams(erased.receipt);
    await fx.server.eraseSubmission(link.receipt, link.token);
    assert.deepEqual(await fx.server.findMatches(kept.receipt.receiptId), []);
    await assert.rejects(fx.server.compareSubmissions(kept.receipt.receiptId, erased.receipt.receiptId), (e: Error & { code?: string }) => e.code === 'receipt-unknown');
  });

  test('the person sees through the receipt that a template is held and whether it matches another account now, and never its numbers', async () => {
    const erin = face(5);
    const first = await submit(fx.server, erin);
    const link = erasureParams(first.receipt);
    const alone = await fx.server.describeSubmission(link.receipt, link.token);
    assert.equal(alone.mode, 'embedding');
    assert.deepEqual(alone.held, { sealedBytes: first.receipt.sealedBytes, payloadBytes: 512, payloadType: TEMPLATE_MEDIA_TYPE, faceTemplate: true });
    assert.equal(alone.duplicateMatch?.matched, false);
    const twin = await submit(fx.server, again(erin, 5));
    const matched = await fx.server.describeSubmission(link.receipt, link.token);
    assert.equal(matched.duplicateMatch?.matched, true, 'a second account of the same face is a match');
    assert.ok(!JSON.stringify(matched).includes(String(erin[0]).slice(0, 8)), 'no template number');
    const twinLink = erasureParams(twin.receipt);
    await fx.server.eraseSubmission(twinLink.receipt, twinLink.token);
    assert.equal((await fx.server.describeSubmission(link.receipt, link.token)).duplicateMatch?.matched, false, 'the erased account is no longer a match');
  });

  test('erasure deletes the template row and its HNSW index entry with the rest, and the summary says face-template', async () => {
    const frank = face(6);
    const { receipt } = await submit(fx.server, frank);
    const link = erasureParams(receipt);
    const summary = await fx.server.eraseSubmission(link.receipt, link.token);
    assert.deepEqual(summary.removed, ['sealed-payload', 'face-template', 'consent-receipt', 'submission-record']);
    assert.equal(summary.mode, 'embedding');
    const { rows } = await fx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM face_verify_templates WHERE submission_id = $1', [receipt.receiptId]);
    assert.equal(rows[0]!.n, 0, 'no template row');
    // Through the index itself: with sequential scans off, the search plan is the HNSW index's, and it does not return the erased template.
    const viaIndex = await fx.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const plan = await tx.query<Record<string, string>>("EXPLAIN SELECT submission_id FROM face_verify_templates ORDER BY template <-> '[" + Array.from(frank).join(',') + "]'::vector LIMIT 5");
      assert.match(plan.rows.map((r) => Object.values(r)[0]).join('\n'), /face_verify_templates_hnsw_idx/);
      return nearestTemplates(tx, frank, 5, 2);
    });
    assert.ok(!viaIndex.some((m) => m.submissionId === receipt.receiptId), 'the erased template answers no search');
  });

  test("with duplicates: 'refuse', a matching template is refused with duplicate-found and nothing is stored", async () => {
    const dave = face(4);
    await submit(strict.server, dave);
    const templates = await countTemplates(strict.db);
    const error = await rejects(strict.db, async () => submit(strict.server, again(dave, 4)), 'duplicate-found');
    assert.match(error.message, /matches 1 stored submission/);
    assert.equal(await countTemplates(strict.db), templates);
    // A different face is stored as usual.
    assert.deepEqual((await submit(strict.server, face(5))).matches, []);
  });
});

describe('a template that is not one is refused with payload-invalid, storing nothing', () => {
  const cases: [string, Uint8Array, string?][] = [
    ['511 bytes', encodeTemplate(face(9)).subarray(0, 511)],
    ['513 bytes', new Uint8Array([...encodeTemplate(face(9)), 0])],
    ['a NaN', (() => { const t = face(9); t[17] = Number.NaN; return encodeTemplateUnchecked(t); })()],
    ['not normalised (×1.1)', encodeTemplate(face(9).map((x) => x * 1.1))],
    ['a clip instead', new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...new Uint8Array(508)]), 'video/webm;codecs=vp8'],
  ];
  for (const [name, payload, type] of cases) {
    test(name, async () => {
      await rejects(fx.db, async () => fx.server.verifySubmission(parts(await honestSubmission(fx.server, templateTweaks(face(9), { payload, payloadType: type ?? TEMPLATE_MEDIA_TYPE })))), 'payload-invalid');
    });
  }
});

describe('the template must be bound to good frames of the trace (evidence-invalid)', () => {
  const bad: [string, (e: Evidence) => unknown][] = [
    ['no template member', (e) => e],
    ['two frames', (e) => ({ ...e, template: { frames: leadFrames(e, 2) } })],
    ['a time that is not a trace row', (e) => ({ ...e, template: { frames: [...leadFrames(e, 3), 999_999] } })],
    ['frames out of order', (e) => ({ ...e, template: { frames: leadFrames(e, 3).reverse() } })],
    ['a frame with the head turned', (e) => {
      const yaw = traceColumn(e.trace, 'yaw');
      const turnedRow = yaw.findIndex((y) => y !== null && Math.abs(y) > 15);
      assert.ok(turnedRow > 0, 'the live trace turns the head past 15°');
      const turned = traceColumn(e.trace, 't')[turnedRow] as number;
      return { ...e, template: { frames: [...leadFrames(e, 3), turned] } };
    }],
  ];
  for (const [name, edit] of bad) {
    test(name, async () => {
      const on = name.includes('turned') ? turns : fx;
      const started = await startSession(on.server);
      const sub = await buildSubmission(started, templateTweaks(face(10), { evidence: edit }));
      const error = await rejects(on.db, () => on.server.verifySubmission(parts(sub)), 'evidence-invalid');
      if (name.includes('turned')) assert.match(error.message, /the head is not frontal/);
    });
  }
});

/** Bytes of a vector without the encoder's checks (to send a NaN). */
function encodeTemplateUnchecked(v: Float32Array): Uint8Array {
  const b = new Uint8Array(512);
  const view = new DataView(b.buffer);
  v.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return b;
}

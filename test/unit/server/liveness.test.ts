/**
 * The server's liveness re-check: it judges the sealed trace against the challenge's own script with
 * its own thresholds, refuses with typed reasons and stores nothing, and stores the decision when it
 * passes. Tampered evidence is what a modified widget would send.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FaceVerifyError } from '../../../src/shared/errors.js';
import type { Evidence } from '../../../src/shared/evidence.js';
import { LIVENESS_ACTIONS, scriptProblems } from '../../../src/shared/liveness-script.js';
import { errorToResponse } from '../../../src/server/http.js';
import { buildSubmission, counts, honestSubmission, openServer, parts, rejects, startSession, useServer } from './helpers.js';

const fx = useServer();

const editLiveness = (edit: (e: Evidence) => void) => (e: Evidence) => {
  const copy = structuredClone(e);
  edit(copy);
  return copy;
};

async function refusedFor(tweaks: Parameters<typeof honestSubmission>[1]): Promise<FaceVerifyError> {
  const sub = await honestSubmission(fx.server, tweaks);
  return (await rejects(fx.db, () => fx.server.verifySubmission(parts(sub)), 'liveness-failed')) as FaceVerifyError;
}

describe('challenges carry a liveness script the server chose', () => {
  test('every challenge has a valid standard script of 2–3 actions from the default pool and 8 colours', async () => {
    const scripts = await Promise.all(Array.from({ length: 30 }, async () => (await startSession(fx.server)).challenge.liveness));
    for (const s of scripts) {
      assert.deepEqual(scriptProblems(s), []);
      assert.equal(s.path, 'standard');
      assert.ok(s.actions.length >= 2 && s.actions.length <= 3);
      assert.equal(s.colours.length, 8);
      assert.ok(s.actions.every((a) => a.action !== 'smile'), 'smile only when the operator enables it');
      s.actions.forEach((a, i) => assert.notEqual(a.action, s.actions[i - 1]?.action, 'no action twice in a row'));
    }
    // Random, not fixed: 30 draws give more than a handful of distinct sequences.
    assert.ok(new Set(scripts.map((s) => s.actions.map((a) => a.action).join())).size >= 8);
    assert.ok(new Set(scripts.map((s) => s.colours.map((c) => c.rgb.join('.')).join())).size >= 25);
  });

  test('an operator pool and count are obeyed, and smile needs explicit enabling', async () => {
    const custom = await openServer(fx.db, fx.keys, { liveness: { actions: ['smile', 'blink'], smile: true, actionCount: [3, 3] } });
    try {
      const { challenge } = await startSession(custom);
      assert.equal(challenge.liveness.actions.length, 3);
      assert.ok(challenge.liveness.actions.every((a) => a.action === 'smile' || a.action === 'blink'));
    } finally {
      await custom.close();
    }
    await assert.rejects(openServer(fx.db, fx.keys, { liveness: { actions: ['smile'] } }), /enable it explicitly/);
    await assert.rejects(openServer(fx.db, fx.keys, { liveness: { actions: ['jump' as never] } }), /not one of/);
  });

  test('the reduced path is blinks only and no colours, and is refused when the operator turns it off', async () => {
    const session = await fx.server.createSession();
    assert.deepEqual(session.liveness, { reducedPath: true });
    const { challenge } = await fx.server.createChallenge({ session: session.session, jkt: 'A'.repeat(43), path: 'reduced' });
    const claims = JSON.parse(Buffer.from(challenge.split('.')[1]!, 'base64url').toString()) as { liveness: { path: string; colours: unknown[]; actions: { action: string }[] } };
    assert.equal(claims.liveness.path, 'reduced');
    assert.deepEqual(claims.liveness.colours, []);
    assert.ok(claims.liveness.actions.every((a) => a.action === 'blink'));
    const strict = await openServer(fx.db, fx.keys, { liveness: { reducedPath: false } });
    try {
      const s = await strict.createSession();
      assert.deepEqual(s.liveness, { reducedPath: false });
      await assert.rejects(strict.createChallenge({ session: s.session, jkt: 'A'.repeat(43), path: 'reduced' }), /does not offer the reduced path/);
    } finally {
      await strict.close();
    }
  });
});

describe('the re-check on the sealed trace', () => {
  test('a cooperative recording is stored with its decision; the receipt carries the level', async () => {
    const sub = await honestSubmission(fx.server);
    const verified = await fx.server.verifySubmission(parts(sub));
    assert.equal(verified.decision.level, 'passed');
    assert.deepEqual(verified.receipt.liveness, { level: 'passed', reasons: [] });
    const listed = (await fx.server.listSubmissions()).find((s) => s.id === verified.receipt.receiptId)!;
    assert.equal(listed.liveness.level, 'passed');
    assert.ok(listed.liveness.colour!.correlation >= listed.liveness.colour!.threshold);
  });

  test('a still photo (no movement, no reflection) is refused with action-missed and colour-no-response, and nothing is stored', async () => {
    const error = await refusedFor({ live: { perform: ['nothing', 'nothing', 'nothing'], reflection: 0 } });
    assert.ok(error.reasons!.includes('action-missed'));
    assert.ok(error.reasons!.includes('colour-no-response'));
    const answer = errorToResponse(error);
    assert.equal(answer.status, 422);
    assert.deepEqual(answer.body.error.reasons, [...error.reasons!]);
  });

  test('a puppet that follows the prompts but not the colours is refused for the colours alone', async () => {
    const error = await refusedFor({ live: { reflection: 0 } });
    assert.deepEqual([...new Set(error.reasons)], ['colour-no-response']);
  });

  test('actions reported in another order (rotated by one) are refused (report-mismatch)', async () => {
    // Rotated, not reversed: a drawn script such as turn-left, blink, turn-left reads the same reversed,
    // while a rotation always moves some action (no action is drawn twice in a row).
    const error = await refusedFor({ evidence: editLiveness((e) => { e.liveness.actions.push(e.liveness.actions.shift()!); }) });
    assert.ok(error.reasons!.includes('report-mismatch'));
  });

  test('edited colour onsets are refused (colour-timing)', async () => {
    const error = await refusedFor({ evidence: editLiveness((e) => { e.liveness.colourOnsets[2]! += 350; }) });
    assert.ok(error.reasons!.includes('colour-timing'));
  });

  test('colours answered in another order than scheduled are refused (colour-no-response)', async () => {
    const started = await startSession(fx.server);
    const scheduled = started.challenge.liveness.colours;
    // The person's skin follows the same colours rotated: a response made for another challenge. Of the
    // rotations, the one least like the schedule step by step (a plain Pearson over the steps, computed
    // here): over all rotations these correlations sum to zero, so the least is below zero whatever
    // the draw; a reversal could by chance resemble the schedule (failed 1 CI run).
    const rotated = (k: number) => scheduled.map((c, i) => ({ ...c, rgb: scheduled[(i + k) % scheduled.length]!.rgb }));
    const similarity = (k: number) => [0, 1, 2].reduce((sum, ch) => sum + pearson(scheduled.map((c) => c.rgb[ch]!), rotated(k).map((c) => c.rgb[ch]!)), 0) / 3;
    const ks = Array.from({ length: scheduled.length - 1 }, (_, i) => i + 1);
    const k = ks.reduce((best, x) => (similarity(x) < similarity(best) ? x : best));
    assert.ok(similarity(k) < 0, `precondition: rotation ${k} is unlike the schedule (${similarity(k)})`);
    const other = { ...started.challenge.liveness, colours: rotated(k) };
    const sub = await buildSubmission({ ...started, challenge: { ...started.challenge, liveness: other } }, {});
    const error = (await rejects(fx.db, () => fx.server.verifySubmission(parts(sub)), 'liveness-failed')) as FaceVerifyError;
    // Same durations, so the onsets agree with the schedule and the refusal is the colours' alone.
    assert.deepEqual([...new Set(error.reasons)], ['colour-no-response'], error.message);
  });

  test('an action reported done faster than its prompt allows, or after its limit, is refused (action-timing)', async () => {
    const late = await refusedFor({ evidence: editLiveness((e) => { const a = e.liveness.actions[0]!; a.doneAt = a.promptAt + 6000; }) });
    assert.ok(late.reasons!.includes('action-timing'));
    const early = await refusedFor({ evidence: editLiveness((e) => { const a = e.liveness.actions[0]!; a.doneAt = a.promptAt - 1; }) });
    assert.ok(early.reasons!.includes('action-timing'));
  });

  test('trace timestamps shifted by 600 ms against the report are refused: the colours no longer line up', async () => {
    const error = await refusedFor({ evidence: editLiveness((e) => { e.trace.rows = e.trace.rows.map((r) => [(r[0] as number) + 600, ...r.slice(1)]); }) });
    assert.ok(error.reasons!.includes('colour-no-response'), error.message);
  });

  test('the wrong movement first is refused with action-wrong', async () => {
    const started = await startSession(fx.server);
    const opposite = started.challenge.liveness.actions.map((a) => (a.action === 'turn-left' ? 'turn-right' : a.action === 'turn-right' ? 'turn-left' : a.action === 'look-up' ? 'nod' : a.action === 'nod' ? 'look-up' : 'turn-left'));
    const sub = await buildSubmission(started, { live: { perform: opposite } });
    const error = (await rejects(fx.db, () => fx.server.verifySubmission(parts(sub)), 'liveness-failed')) as FaceVerifyError;
    assert.ok(error.reasons!.includes('action-wrong'), error.message);
  });

  test('a virtual camera label is refused by the default policy, and only flagged when the operator says so', async () => {
    const obs = { evidence: editLiveness((e) => (e.signals.camera.label = 'OBS Virtual Camera')) };
    assert.deepEqual((await refusedFor(obs)).reasons, ['signal']);
    const lenient = await openServer(fx.db, fx.keys, { liveness: { signals: { 'virtual-camera': 'flag' } } });
    try {
      const sub = await honestSubmission(lenient, obs);
      const verified = await lenient.verifySubmission(parts(sub));
      assert.equal(verified.decision.level, 'passed');
      assert.deepEqual(verified.decision.flags, ['virtual-camera']);
    } finally {
      await lenient.close();
    }
  });

  test('server thresholds stricter than the widget refuse a gentle turn the widget accepted', async () => {
    const strict = await openServer(fx.db, fx.keys, { liveness: { thresholds: { turnDeg: 30, lookUpDeg: 30, nodDeg: 30 }, actions: ['turn-left', 'turn-right'] } });
    try {
      const before = await counts(fx.db);
      const sub = await honestSubmission(strict, { live: { amplitude: 20 } });
      const error = (await rejects(fx.db, () => strict.verifySubmission(parts(sub)), 'liveness-failed')) as FaceVerifyError;
      assert.ok(error.reasons!.includes('action-missed'));
      assert.deepEqual(await counts(fx.db), before);
    } finally {
      await strict.close();
    }
  });

  test('a reduced-path recording is stored as passed-lower-assurance, never as passed', async () => {
    const started = await startSession(fx.server);
    const reduced = await fx.server.createChallenge({ session: started.session.session, jkt: started.key.thumbprint, path: 'reduced' });
    const challenge = JSON.parse(Buffer.from(reduced.challenge.split('.')[1]!, 'base64url').toString());
    const sub = await buildSubmission({ ...started, token: reduced.challenge, challenge });
    const verified = await fx.server.verifySubmission(parts(sub));
    assert.equal(verified.decision.level, 'passed-lower-assurance');
    assert.deepEqual(verified.receipt.liveness, { level: 'passed-lower-assurance', reasons: ['reduced-path'] });
  });

  test('every liveness action can be prompted and judged (the pool covers the documented list)', () => {
    assert.deepEqual([...LIVENESS_ACTIONS], ['turn-left', 'turn-right', 'look-up', 'nod', 'blink', 'smile']);
  });
});

function pearson(a: readonly number[], b: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => { ab += (x - ma) * (b[i]! - mb); aa += (x - ma) ** 2; bb += (b[i]! - mb) ** 2; });
  return ab / Math.sqrt(aa * bb);
}

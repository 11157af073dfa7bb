/**
 * The demo in the zero-upload mode (`DEMO_MODE=embedding`): its notice says a template is kept and
 * what it is compared with, and the operator's look-alike search (real PGlite, over HTTP) lists the
 * stored templates within the threshold at the distance plain arithmetic gives, audited first.
 * Submissions are built by the server suites' honest widget (test/unit/server/helpers.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { OPERATOR_KEY, useEmbeddingDemo } from './embedding-demo.js';
import type { SessionResponse } from '../../../src/shared/wire.js';
import { erasureParams, honestSubmission, parts, templateTweaks } from '../server/helpers.js';

const fx = useEmbeddingDemo('fv-demo-embedding-');
const BEARER = { headers: { authorization: `Bearer ${OPERATOR_KEY}` } };

/** A unit vector along axis `i`, tilted by `tilt` towards axis `i + 1`. */
function axis(i: number, tilt = 0): Float32Array {
  const v = new Float32Array(128);
  v[i] = Math.cos(tilt);
  v[i + 1] = Math.sin(tilt);
  return v;
}

async function enrol(template: Float32Array): Promise<string> {
  const verified = await fx.app.faceVerify.verifySubmission(parts(await honestSubmission(fx.app.faceVerify, templateTweaks(template))));
  erasureLinks.set(verified.receipt.receiptId, erasureParams(verified.receipt));
  return verified.receipt.receiptId;
}
const erasureLinks = new Map<string, { receipt: string; token: string }>();

describe('the demo in embedding mode', () => {
  test('its notice is for a template: mode embedding, and the retention text says no image is sent and what it is compared with', async () => {
    const session = (await (await fetch(`${fx.base}/api/face-verify/session`, { method: 'POST' })).json()) as SessionResponse;
    assert.equal(session.manifest.mode, 'embedding');
    assert.equal(session.mode, 'embedding');
    assert.match(session.manifest.retention.description, /face template/);
    assert.match(session.manifest.retention.description, /no image or video is sent/);
    assert.match(session.manifest.retention.description, /compared with the templates of other seller accounts/);
  });

  test('look-alikes: a template 0.2 from a stored one is listed at that distance, one far away is not, the list shows both until one is erased, and each search is audited', async () => {
    const alice = await enrol(axis(0));
    const aliceAgain = await enrol(axis(0, 0.2));
    const bob = await enrol(axis(10));
    // Two unit vectors at angle θ are 2·sin(θ/2) apart.
    const expected = 2 * Math.sin(0.1);

    const found = (await (await fetch(`${fx.base}/api/operator/submissions/${aliceAgain}/matches`, BEARER)).json()) as { threshold: number; matches: { receiptId: string; distance: number }[] };
    assert.equal(found.threshold, 0.4);
    assert.deepEqual(found.matches.map((m) => m.receiptId), [alice]);
    assert.ok(Math.abs(found.matches[0]!.distance - expected) < 1e-4, `distance ${found.matches[0]!.distance}, expected ${expected}`);
    const none = (await (await fetch(`${fx.base}/api/operator/submissions/${bob}/matches`, BEARER)).json()) as { matches: unknown[] };
    assert.deepEqual(none.matches, []);

    // The list carries the same matches, searched when it is asked for: an erased account drops out.
    const listed = async () => (await (await fetch(`${fx.base}/api/operator/submissions`, BEARER)).json()) as { receiptId: string; lookalikes: { receiptId: string }[] }[];
    const row = (list: Awaited<ReturnType<typeof listed>>, id: string) => list.find((s) => s.receiptId === id)!.lookalikes.map((m) => m.receiptId);
    const before = await listed();
    assert.deepEqual([row(before, alice), row(before, aliceAgain), row(before, bob)], [[aliceAgain], [alice], []]);

    const link = erasureLinks.get(alice)!;
    await fx.app.faceVerify.eraseSubmission(link.receipt, link.token);
    assert.deepEqual(row(await listed(), aliceAgain), [], 'the erased account is no longer a match');

    const lines = (await readFile(fx.app.auditLogPath, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { action: string; receiptId: string; who: string });
    assert.deepEqual(lines.slice(-2).map((l) => [l.action, l.receiptId, l.who]), [['find-matches', aliceAgain, 'bearer'], ['find-matches', bob, 'bearer']]);
  });

  test('a look-alike search needs the operator, and an unknown receipt is a typed 410', async () => {
    assert.equal((await fetch(`${fx.base}/api/operator/submissions/AAAAAAAAAAAAAAAAAAAAAA/matches`)).status, 401);
    const unknown = await fetch(`${fx.base}/api/operator/submissions/AAAAAAAAAAAAAAAAAAAAAA/matches`, BEARER);
    assert.equal(unknown.status, 410);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'receipt-unknown');
  });

  test('DEMO_MODE other than clip or embedding stops the demo at start, naming both', () => {
    const main = fileURLToPath(new URL('../../../demo/server/main.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', main], { env: { ...process.env, DEMO_MODE: 'video', DEMO_DATA_DIR: join(fx.tmp, 'never') }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /DEMO_MODE=video is not a mode: use clip or embedding/);
  });
});

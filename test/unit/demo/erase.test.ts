/**
 * The person's receipt link on the demo (embedding mode, real PGlite, over HTTP): what is held is
 * shown and erased only for a receipt and token in a JSON POST body, never from a URL query; the
 * erasure deletes the template with the rest and unlinks the operator's audit lines; and the
 * retention sweeper deletes an expired submission and its template on a controlled clock.
 * Submissions are built by the server suites' honest widget (test/unit/server/helpers.ts).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { OPERATOR_KEY, useEmbeddingDemo } from './embedding-demo.js';
import { startRetention } from '../../../demo/server/retention.js';
import type { ErasureSummary, SubmissionDescription } from '../../../src/server/index.js';
import { clock, erasureParams, honestSubmission, parts, templateTweaks } from '../server/helpers.js';

const fx = useEmbeddingDemo('fv-demo-erase-');
const DAY = 86_400_000;

/** A unit template along axis `i`. */
function axis(i: number): Float32Array {
  const v = new Float32Array(128);
  v[i] = 1;
  return v;
}

async function enrol(template: Float32Array): Promise<{ receiptId: string; link: { receipt: string; token: string } }> {
  const { receipt } = await fx.app.faceVerify.verifySubmission(parts(await honestSubmission(fx.app.faceVerify, templateTweaks(template))));
  return { receiptId: receipt.receiptId, link: erasureParams(receipt) };
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${fx.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function templateRows(receiptId: string): Promise<number> {
  const { rows } = await fx.app.database.query<{ n: number }>('SELECT count(*)::int AS n FROM face_verify_templates WHERE submission_id = $1', [receiptId]);
  return rows[0]!.n;
}

describe('the receipt link on the demo', () => {
  test('POST /api/your-data with receipt and token in the body shows what is held, without the template numbers', async () => {
    const { receiptId, link } = await enrol(axis(0));
    const answer = await post('/api/your-data', link);
    assert.equal(answer.status, 200);
    const held = (await answer.json()) as SubmissionDescription;
    assert.equal(held.receiptId, receiptId);
    assert.equal(held.mode, 'embedding');
    assert.equal(held.held.faceTemplate, true);
    assert.equal(held.consent.noticeVersion, fx.app.faceVerify.manifest.version);
    assert.equal(held.consent.purpose, fx.app.faceVerify.manifest.purpose);
    assert.equal(held.duplicateMatch?.matched, false);
    assert.ok(!('template' in held) && !JSON.stringify(held).includes('[1,0'), 'no template numbers');
  });

  test('a receipt or token in the URL query is refused with erasure-token-in-url before anything is looked up or erased, even next to a valid body', async () => {
    const { receiptId, link } = await enrol(axis(2));
    for (const path of ['/api/erase', '/api/your-data']) {
      const answer = await post(`${path}?receipt=${link.receipt}&token=${link.token}`, link);
      assert.equal(answer.status, 400, path);
      const { error } = (await answer.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'erasure-token-in-url');
      assert.match(error.message, /POST body/);
    }
    assert.equal(await templateRows(receiptId), 1, 'nothing erased');
  });

  test('a wrong token is a typed 401 erasure-token-invalid and an erased receipt a typed 410 receipt-unknown', async () => {
    const { link } = await enrol(axis(4));
    const other = await enrol(axis(6));
    const wrong = await post('/api/your-data', { receipt: link.receipt, token: other.link.token });
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'erasure-token-invalid');
    assert.equal((await post('/api/erase', link)).status, 200);
    for (const path of ['/api/erase', '/api/your-data']) {
      const gone = await post(path, link);
      assert.equal(gone.status, 410, path);
      assert.equal(((await gone.json()) as { error: { code: string } }).error.code, 'receipt-unknown');
    }
  });

  test('POST /api/erase deletes the sealed template, the template row, consent and receipt, says so, and unlinks the audit lines naming it', async () => {
    const { receiptId, link } = await enrol(axis(8));
    const bearer = { headers: { authorization: `Bearer ${OPERATOR_KEY}` } };
    assert.equal((await fetch(`${fx.base}/api/operator/submissions/${receiptId}/matches`, bearer)).status, 200);
    assert.match(await readFile(fx.app.auditLogPath, 'utf8'), new RegExp(receiptId));

    const answer = await post('/api/erase', link);
    assert.equal(answer.status, 200);
    const summary = (await answer.json()) as ErasureSummary & { auditLinesUnlinked: number };
    assert.deepEqual(summary.removed, ['sealed-payload', 'face-template', 'consent-receipt', 'submission-record']);
    assert.equal(summary.auditLinesUnlinked, 1);
    assert.equal(await templateRows(receiptId), 0);
    const { rows } = await fx.app.database.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM face_verify_submissions WHERE id = $1) + (SELECT count(*) FROM face_verify_receipts WHERE submission_id = $1) AS n`, [receiptId]);
    assert.equal(Number(rows[0]!.n), 0);
    const audit = await readFile(fx.app.auditLogPath, 'utf8');
    assert.ok(!audit.includes(receiptId), 'no audit line names the erased receipt');
    assert.ok(audit.split('\n').some((l) => l.includes('"action":"find-matches"') && l.includes('"receiptId":"erased"')), 'the operator\'s access is still recorded');
  });

  test('an old query-string link still opens the erase page (it moves them to the fragment itself); the page reads only the fragment and posts JSON', async () => {
    const page = await fetch(`${fx.base}/erase?receipt=abc&token=def`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script src="\/erase.js" type="module"><\/script>/);
    const script = await (await fetch(`${fx.base}/erase.js`)).text();
    assert.match(script, /history\.replaceState/);
    assert.match(script, /new URLSearchParams\(location\.hash\.slice\(1\)\)/);
    assert.match(script, /body: JSON\.stringify\(credentials\)/);
  });
});

describe('the retention sweeper', () => {
  test('deletes a submission and its template once the clock passes its retention date, and not before', async () => {
    const { receiptId } = await enrol(axis(10));
    const lines: string[] = [];
    const saved = clock.ms;
    const stop = await startRetention(fx.app.faceVerify, (line) => lines.push(line), 20);
    try {
      assert.equal(await templateRows(receiptId), 1, 'kept before its retention date');
      clock.ms += fx.app.faceVerify.manifest.retention.days * DAY + 1000;
      const deadline = Date.now() + 5000;
      while (await templateRows(receiptId) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(await templateRows(receiptId), 0, 'the template is gone');
      assert.equal((await fx.app.faceVerify.listSubmissions()).some((s) => s.receiptId === receiptId), false, 'the submission is gone');
      assert.ok(lines.some((l) => /^retention: purged [1-9]\d* submission\(s\)/.test(l)), lines.join('\n'));
    } finally {
      stop();
      clock.ms = saved;
    }
  });
});

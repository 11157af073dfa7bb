import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type Request } from '@playwright/test';
import { verifyIndependently } from '../interop/independent-verifier.js';
import { cameraCalls, installCameraSpy, lastUpload, trackStates, workerCounts } from './camera-spy.js';
import { installStandIn } from './stand-in.js';

const OPERATOR_KEY = 'e2e-operator-key';
const OPERATOR = { headers: { authorization: `Bearer ${OPERATOR_KEY}` } };
/** Where the demo keeps its keys when DEMO_DATA_DIR=.cache/e2e-data (playwright.config.ts). */
const KEY_FILE = fileURLToPath(new URL('../../.cache/e2e-data-secrets/keys.json', import.meta.url));
const HEAVY = /\.(wasm|task)(\?|$)|landmarker\.worker|vision_wasm/;

function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  return requests;
}

/** Resolves with the detail of every `face-verify-liveness` event so far, when asked. */
async function livenessDecisions(page: Page): Promise<{ decision: { level: string; reasons: { code: string }[] }; attemptsLeft: number }[]> {
  return page.evaluate(() => (window as unknown as { __fvLiveness: never[] }).__fvLiveness);
}

test.beforeEach(async ({ page }, info) => {
  // A cooperative person from a real clip, unless the test plays an attack.
  const mode = /still photo/.test(info.title) ? 'photo' : /retries/.test(info.title) ? 'puppet' : 'cooperative';
  await installStandIn(page, { mode });
  await installCameraSpy(page);
  await page.addInitScript(() => {
    const all: unknown[] = [];
    (window as unknown as { __fvLiveness: unknown[] }).__fvLiveness = all;
    document.addEventListener('face-verify-liveness', (e) => all.push((e as CustomEvent).detail));
  });
});

test('a seller goes from the notice to a receipt, and the backend holds the clip they recorded', async ({ page, baseURL }) => {
  const requests = recordRequests(page);
  await page.goto('/');
  const fv = page.locator('face-verify');
  await expect(fv).toHaveAttribute('step', 'consent');
  await expect(fv.getByText('This check uses biometric data')).toBeVisible();
  await expect(fv.getByText("Makers' Market Ltd", { exact: false }).first()).toBeVisible();

  // Nothing heavy before agreeing, and the camera untouched.
  await page.waitForTimeout(500);
  expect(requests.filter((r) => HEAVY.test(r.url())).map((r) => r.url())).toEqual([]);
  expect(await cameraCalls(page)).toBe(0);

  const agree = fv.getByRole('checkbox');
  await expect(agree).not.toBeChecked();
  const continueButton = fv.getByRole('button', { name: 'Continue' });
  await expect(continueButton).toBeDisabled();
  await agree.check();
  const started = Date.now();
  await continueButton.click();

  await expect(fv).toHaveAttribute('step', 'guidance', { timeout: 30_000 });
  await expect(fv).toHaveAttribute('step', 'capture', { timeout: 30_000 });
  // The screen shows the colours around the face, then the server's prompts, one at a time.
  await expect(fv.locator('[part="flash"]')).toBeVisible({ timeout: 10_000 });
  await expect(fv.locator('[part="prompt"]')).toHaveAttribute('data-action', /^(turn-left|turn-right|look-up)$/, { timeout: 15_000 });
  await expect(fv).toHaveAttribute('step', 'review', { timeout: 40_000 });
  await expect(fv.locator('[part="liveness-result"]')).toContainText('Checks passed');
  const decisions = await livenessDecisions(page);
  expect(decisions.map((d) => d.decision.level)).toEqual(['passed']);
  // The camera is off while the person watches the clip.
  expect((await trackStates(page)).every((s) => s === 'ended')).toBe(true);

  const reviewVideo = fv.locator('video[part="review-video"]');
  await expect(reviewVideo).toHaveAttribute('src', /^blob:/);
  await expect(fv.locator('[part="what-is-sent"]')).toContainText('sealed');

  const uploading = page.waitForRequest((r) => r.url().endsWith('/api/face-verify/submit') && r.method() === 'POST');
  await fv.getByRole('button', { name: 'Send', exact: true }).click();
  const upload = await uploading;
  await expect(fv).toHaveAttribute('step', 'done', { timeout: 30_000 });

  // What the widget sent is what README "Formats" says: an independent implementation (@hpke/core,
  // jose, cbor2; no project code) verifies the attestation, opens the seal and checks every hash.
  const keys = JSON.parse(readFileSync(KEY_FILE, 'utf8')) as { signing: { kty: string; crv: string; x: string }; operator: { kid: string }[] };
  const sent = await lastUpload(page);
  const headers = await upload.allHeaders();
  expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  const independent = await verifyIndependently(
    sent.body,
    { ...headers, 'content-type': sent.contentType },
    { kty: keys.signing.kty, crv: keys.signing.crv, x: keys.signing.x },
    keys.operator[0]! as never,
  );
  const largestHeader = Math.max(...Object.entries(headers).map(([k, v]) => `${k}: ${v}`.length));
  expect(largestHeader).toBeLessThan(1024);
  expect(independent.claims['sealed'].bytes).toBeGreaterThan(10_000);
  expect(independent.evidence['trace'].rows.length).toBe(independent.claims['capture'].frames);
  expect(independent.evidence['liveness'].colourOnsets.length).toBe(8);
  console.log(`e2e upload: largest header ${largestHeader} B, ${independent.claims['capture'].frames} frames, sealed ${independent.claims['sealed'].bytes} B`);
  const receiptId = (await fv.locator('[part="receipt-id"]').textContent())!.trim();
  const shownHash = (await fv.locator('[part="receipt-hash"]').textContent())!.trim();
  const eraseHref = await fv.locator('[part="erase-link"]').getAttribute('href');
  expect(receiptId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  expect(eraseHref).toContain(`#receipt=${receiptId}&token=`);

  const metrics = await fv.evaluate((el) => (el as unknown as { metrics: object }).metrics);
  console.log(`e2e metrics: ${JSON.stringify({ ...metrics, wallClockSessionMs: Date.now() - started })}`);

  // Every request stayed on the host's own origin.
  const origin = new URL(baseURL!).origin;
  const foreign = requests.map((r) => r.url()).filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
  // Done is an exit path: no track is left running and every worker made was terminated.
  expect(await trackStates(page)).not.toContain('live');
  expect((await workerCounts(page)).created).toBeGreaterThanOrEqual(1);
  await expect.poll(async () => { const w = await workerCounts(page); return w.terminated - w.created; }, { timeout: 5_000 }).toBe(0);

  // The host page reacts to the submitted event.
  await page.getByLabel('Shop name').fill('Clay & Co');
  await page.getByLabel('Email').fill('clay@example.test');
  await page.getByRole('button', { name: 'Create my seller account' }).click();
  await expect(page.locator('#result')).toContainText('Welcome, Clay & Co');

  // The backend holds it, and the opened clip is byte for byte what the widget recorded.
  const list = await page.request.get('/api/operator/submissions', OPERATOR);
  const submissions = (await list.json()) as { id: string; receiptId: string; payloadSha256: string; mimeType: string; liveness: { level: string } }[];
  const stored = submissions.find((s) => s.receiptId === receiptId);
  expect(stored).toBeTruthy();
  // Stored with the server's own liveness decision on the sealed trace.
  expect(stored!.liveness.level).toBe('passed');
  expect(stored!.payloadSha256).toBe(shownHash);
  expect(createHash('sha256').update(independent.payload).digest('base64url')).toBe(shownHash);
  // A key in the URL is never accepted: it would end up in logs and histories.
  expect((await page.request.get(`/api/operator/submissions?key=${OPERATOR_KEY}`)).status()).toBe(401);
  const clip = await page.request.get(`/api/operator/submissions/${stored!.id}/clip`, OPERATOR);
  expect(clip.ok()).toBe(true);
  const bytes = await clip.body();
  expect(createHash('sha256').update(bytes).digest('base64url')).toBe(shownHash);
  console.log(`e2e clip: ${bytes.length} bytes, ${stored!.mimeType}`);

  // Every opened clip is in the audit log.
  const audit = (await (await page.request.get('/api/operator/audit', OPERATOR)).json()) as { receiptId: string; action: string }[];
  expect(audit.some((e) => e.receiptId === stored!.id && e.action === 'open-clip')).toBe(true);

  // It decodes as video: the operator signs in on the operator page, which opens and plays it.
  await page.goto('/operator');
  await page.getByLabel('Operator key').fill(OPERATOR_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator(`tr[data-id="${stored!.id}"] button`).click();
  const player = page.locator('#video');
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  expect(await player.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight])).toEqual([640, 480]);
  await expect(page.locator('#hash')).toHaveText(shownHash);

  // The seller's erasure link erases it.
  await page.goto(eraseHref!);
  await page.getByRole('button', { name: 'Erase it now' }).click();
  await expect(page.locator('#result')).toContainText('Erased');
  const after = (await (await page.request.get('/api/operator/submissions', OPERATOR)).json()) as { receiptId: string }[];
  expect(after.some((s) => s.receiptId === receiptId)).toBe(false);
});

test('declining opens no camera, fetches no model and shows the alternative', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('/');
  const fv = page.locator('face-verify');
  await expect(fv).toHaveAttribute('step', 'consent');
  const declined = page.evaluate(
    () => new Promise<string>((resolve) => document.addEventListener('face-verify-declined', (e) => resolve((e as CustomEvent).detail.reason), { once: true })),
  );
  await fv.getByRole('button', { name: /No thanks/ }).click();
  await expect(fv).toHaveAttribute('step', 'declined');
  expect(await declined).toBe('declined');
  await expect(page.getByRole('link', { name: /identity document/ })).toBeVisible();
  await page.waitForTimeout(1000);
  expect(await cameraCalls(page)).toBe(0);
  expect((await workerCounts(page)).created).toBe(0);
  expect(requests.filter((r) => HEAVY.test(r.url())).map((r) => r.url())).toEqual([]);
});

test('removing the widget from the page mid-check stops the camera', async ({ page }) => {
  await page.goto('/');
  const fv = page.locator('face-verify');
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv).toHaveAttribute('step', 'guidance', { timeout: 30_000 });
  expect(await trackStates(page)).toContain('live');
  await page.evaluate(() => document.querySelector('face-verify')!.remove());
  await expect(fv).toHaveCount(0);
  await expect.poll(() => trackStates(page)).not.toContain('live');
  expect((await workerCounts(page)).created).toBeGreaterThanOrEqual(1);
  await expect.poll(async () => { const w = await workerCounts(page); return w.terminated - w.created; }, { timeout: 5_000 }).toBe(0);
});

test('a still photo fails the liveness check on every attempt: the person is told why, then offered the alternative; nothing is stored', async ({ page }) => {
  const before = ((await (await page.request.get('/api/operator/submissions', OPERATOR)).json()) as unknown[]).length;
  await page.goto('/');
  const fv = page.locator('face-verify');
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv.locator('[part="check-failed"]')).toContainText('did not see', { timeout: 40_000 });
  await expect(fv).toHaveAttribute('step', 'error', { timeout: 90_000 });
  await expect(fv.locator('[part="error"]')).toContainText('could not confirm');
  await expect(fv.getByRole('link', { name: 'Use the alternative' })).toBeVisible();
  const decisions = await livenessDecisions(page);
  expect(decisions.map((d) => d.decision.level)).toEqual(['failed', 'failed', 'failed']);
  expect(decisions.map((d) => d.attemptsLeft)).toEqual([2, 1, 0]);
  expect(decisions.every((d) => d.decision.reasons[0]!.code === 'action-missed')).toBe(true);
  expect(((await (await page.request.get('/api/operator/submissions', OPERATOR)).json()) as unknown[]).length).toBe(before);
  await expect.poll(() => trackStates(page)).not.toContain('live');
  await expect.poll(async () => { const w = await workerCounts(page); return w.terminated - w.created; }, { timeout: 5_000 }).toBe(0);
});

test('a person who retries after a failed check passes on the next attempt and is stored once', async ({ page }) => {
  await page.goto('/');
  const fv = page.locator('face-verify');
  // Room for a stand-in whose movement fell short as well as for the puppet's failure.
  await fv.evaluate((el) => ((el as unknown as { maxAttempts: number }).maxAttempts = 5));
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  // A puppet first: it follows the prompts but the screen's light is not on its face.
  await expect(fv.locator('[part="check-failed"]')).toBeVisible({ timeout: 60_000 });
  const first = await livenessDecisions(page);
  expect(first.map((d) => d.decision.level)).toEqual(['failed']);
  // Whatever else went wrong on a loaded machine (a movement short or late), no light on the face
  // is always among the reasons.
  expect(first[0]!.decision.reasons.map((r) => r.code)).toContain('colour-no-response');
  // The same person, now in front of the screen.
  await page.evaluate(() => (globalThis as unknown as { FaceVerifyStandIn: { setMode(m: string): void } }).FaceVerifyStandIn.setMode('cooperative'));
  await expect(fv).toHaveAttribute('step', 'review', { timeout: 90_000 });
  await fv.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(fv).toHaveAttribute('step', 'done', { timeout: 30_000 });
  const levels = (await livenessDecisions(page)).map((d) => d.decision.level);
  expect(levels.at(-1)).toBe('passed');
  expect(levels.slice(0, -1).every((l) => l === 'failed')).toBe(true);
  const receiptId = (await fv.locator('[part="receipt-id"]').textContent())!.trim();
  const stored = ((await (await page.request.get('/api/operator/submissions', OPERATOR)).json()) as { receiptId: string; sessionId: string }[]);
  const mine = stored.find((s) => s.receiptId === receiptId)!;
  expect(stored.filter((s) => s.sessionId === mine.sessionId)).toHaveLength(1);
});

/**
 * Nothing lost: a seller's sealed submission survives the network going away, a burst of 5xx
 * answers, a reload in the middle of the upload and the backend restarting. Each test runs the real
 * widget with the fake camera against the real demo backend on PGlite on disk — this file starts its
 * own (so it can restart it) — and ends with exactly one more stored submission and the person
 * holding its receipt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type Route } from '@playwright/test';
import { installCameraSpy } from './camera-spy.js';
import { installStandIn } from './stand-in.js';

const PORT = Number(process.env['E2E_OUTBOX_PORT'] ?? 8793);
const BASE = `http://127.0.0.1:${PORT}`;
const OPERATOR = { headers: { authorization: 'Bearer e2e-operator-key' } };
const root = fileURLToPath(new URL('../..', import.meta.url));
const SUBMIT = '**/api/face-verify/submit';

let server: ChildProcess | null = null;

/** Starts the demo backend (same data folder and keys every time) and waits until it answers. */
async function startBackend(): Promise<void> {
  server = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(PORT), DEMO_DATA_DIR: '.cache/e2e-outbox', OPERATOR_KEY: 'e2e-operator-key', DEMO_LIVENESS_ACTIONS: 'turn-left,turn-right,look-up' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${BASE}/`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the demo backend did not answer on ${BASE} within 30 s`);
}

async function stopBackend(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Receipt ids the backend holds, from the operator API. */
async function storedIds(page: Page): Promise<string[]> {
  const response = await page.request.get(`${BASE}/api/operator/submissions`, OPERATOR);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { receiptId: string }[]).map((s) => s.receiptId);
}

async function toReview(page: Page): Promise<void> {
  await page.goto(`${BASE}/`);
  const fv = page.locator('face-verify');
  await expect(fv).toHaveAttribute('step', 'consent');
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv).toHaveAttribute('step', 'review', { timeout: 90_000 });
}

/** The receipt shown, once the element reached it. */
async function shownReceipt(page: Page): Promise<string> {
  const fv = page.locator('face-verify');
  await expect(fv).toHaveAttribute('step', 'done', { timeout: 60_000 });
  return (await fv.locator('[part="receipt-id"]').textContent())!.trim();
}

/** Counts submit requests and their idempotency keys. */
function watchSubmits(page: Page): { keys: string[] } {
  const seen = { keys: [] as string[] };
  page.on('request', (r) => {
    if (r.url().endsWith('/api/face-verify/submit') && r.method() === 'POST') seen.keys.push(r.headers()['idempotency-key'] ?? '');
  });
  return seen;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(`${root}/.cache/e2e-outbox`, { recursive: true, force: true });
  rmSync(`${root}/.cache/e2e-outbox-secrets`, { recursive: true, force: true });
  await startBackend();
});
test.afterAll(stopBackend);

test.beforeEach(async ({ page }) => {
  await installStandIn(page, { mode: 'cooperative' });
  await installCameraSpy(page);
});

test('offline when Send is pressed: the element says it waits for the network, sends nothing, and delivers once online; one stored', async ({ page, context }) => {
  const before = await storedIds(page);
  await toReview(page);
  const fv = page.locator('face-verify');
  const submits = watchSubmits(page);
  await context.setOffline(true);
  await fv.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(fv.locator('[part~="delivery"]')).toHaveAttribute('data-state', 'offline', { timeout: 10_000 });
  await expect(fv.locator('[part~="delivery"]')).toContainText('offline');
  await page.waitForTimeout(2000);
  expect(await storedIds(page)).toEqual(before);
  await context.setOffline(false);
  const receipt = await shownReceipt(page);
  const after = await storedIds(page);
  expect(after.length).toBe(before.length + 1);
  expect(after).toContain(receipt);
  expect(new Set(submits.keys).size).toBe(1);
  console.log(`e2e offline: ${submits.keys.length} submit request(s) reached the network, receipt ${receipt}`);
});

test('a burst of 5xx (the first stored, its answer lost): retried by itself with one key; the first one is the one receipt', async ({ page }) => {
  const before = await storedIds(page);
  await toReview(page);
  const fv = page.locator('face-verify');
  let n = 0;
  const sent: string[] = [];
  await page.route(SUBMIT, async (route: Route) => {
    n++;
    sent.push(route.request().headers()['idempotency-key'] ?? '');
    // The first reaches the backend and is stored; the proxy in front answers 503 anyway.
    if (n === 1) {
      await route.fetch();
      return route.fulfill({ status: 503, body: 'upstream timeout' });
    }
    if (n <= 3) return route.fulfill({ status: 502, body: 'bad gateway' });
    return route.continue();
  });
  await fv.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(fv.locator('[part~="delivery"]')).toHaveAttribute('data-state', 'waiting', { timeout: 10_000 });
  const receipt = await shownReceipt(page);
  const after = await storedIds(page);
  expect(after.length).toBe(before.length + 1);
  expect(after).toContain(receipt);
  expect(n).toBe(4);
  expect(new Set(sent).size).toBe(1);
});

test('a reload while the upload is in flight (the backend stored it, the answer never came): the page finds it and finishes; one stored', async ({ page }) => {
  const before = await storedIds(page);
  await toReview(page);
  const fv = page.locator('face-verify');
  let storedOnce: () => void = () => {};
  const stored = new Promise<void>((r) => (storedOnce = r));
  await page.route(SUBMIT, async (route: Route) => {
    await route.fetch();
    storedOnce();
    // The answer is held back: the reload cuts the connection before it arrives.
    await new Promise(() => {});
  });
  await fv.getByRole('button', { name: 'Send', exact: true }).click();
  await stored;
  expect((await storedIds(page)).length).toBe(before.length + 1);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  const keys = watchSubmits(page);
  await page.reload();
  await expect(fv.locator('[part="resumed"]')).toBeVisible({ timeout: 15_000 });
  const receipt = await shownReceipt(page);
  const after = await storedIds(page);
  expect(after.length).toBe(before.length + 1);
  expect(after).toContain(receipt);
  expect(keys.keys.length).toBe(1);
  // Delivered: the outbox is empty, so the next visit starts at the notice.
  await page.reload();
  await expect(fv).toHaveAttribute('step', 'consent');
  await expect(fv.getByRole('checkbox')).toBeVisible();
});

test('the backend restarts between the review and Send: the widget keeps trying and delivers when it is back; one stored', async ({ page }) => {
  const before = await storedIds(page);
  await toReview(page);
  const fv = page.locator('face-verify');
  await stopBackend();
  await fv.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(fv.locator('[part~="delivery"]')).toHaveAttribute('data-state', 'waiting', { timeout: 15_000 });
  await expect(fv.locator('[part~="delivery"]')).toContainText('Waiting for the network');
  await startBackend();
  await fv.getByRole('button', { name: 'Try now' }).click();
  const receipt = await shownReceipt(page);
  const after = await storedIds(page);
  expect(after.length).toBe(before.length + 1);
  expect(after).toContain(receipt);
});

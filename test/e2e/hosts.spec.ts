/**
 * Host pages (test/hosts): each integration a marketplace may use completes the flow with the stand-in
 * camera against the real demo backend (test/hosts/server.ts), and the host's own code receives the
 * receipt from face-verify-submitted, the same receipt the backend stored.
 */
import { expect, test, type Page } from '@playwright/test';
import { installCameraSpy, trackStates } from './camera-spy.js';
import { installStandIn } from './stand-in.js';
import { buildHostPage, HOST_PAGES } from '../hosts/build.js';

const OPERATOR = { headers: { authorization: 'Bearer e2e-operator-key' } };

// The React and Vue pages are built from test/hosts/<name> at test time, never committed.
test.beforeAll(async () => {
  for (const name of HOST_PAGES) await buildHostPage(name);
});

test.beforeEach(async ({ page }) => {
  await installStandIn(page, { mode: 'cooperative' });
  await installCameraSpy(page);
});

/** Agrees, follows the prompts, sends; returns the receipt id the element shows. */
async function completeFlow(page: Page): Promise<string> {
  const fv = page.locator('face-verify');
  await expect(fv).toHaveAttribute('step', 'consent', { timeout: 30_000 });
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv).toHaveAttribute('step', 'review', { timeout: 90_000 });
  await fv.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(fv).toHaveAttribute('step', 'done', { timeout: 30_000 });
  return (await fv.locator('[part="receipt-id"]').textContent())!.trim();
}

async function storedReceipts(page: Page): Promise<string[]> {
  const response = await page.request.get('/api/operator/submissions', OPERATOR);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { receiptId: string }[]).map((s) => s.receiptId);
}

for (const [name, path] of [
  ['a plain HTML page with the script tag', '/hosts/plain.html'],
  ['an ES-module page that imports the class and defines the tag', '/hosts/esm.html'],
  ['a React 19 page (vite-built, <face-verify> in JSX, receipt in useState)', '/hosts/react/index.html'],
  ['a Vue 3 page (vite-built, <face-verify> in a render function, receipt in a ref)', '/hosts/vue/index.html'],
] as const) {
  test(`${name} completes the flow and its own listener receives the stored receipt`, async ({ page }) => {
    await page.goto(path);
    const receiptId = await completeFlow(page);
    expect(receiptId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    await expect(page.locator('#receipt')).toHaveText(`receipt ${receiptId}`);
    expect(await storedReceipts(page)).toContain(receiptId);
    await expect.poll(() => trackStates(page)).not.toContain('live');
  });
}

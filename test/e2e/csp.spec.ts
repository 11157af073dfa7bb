/**
 * The demo under its strict Content Security Policy: a whole seller session to the receipt, the
 * operator page (sign-in, list, a clip played) and the privacy page, with every CSP violation the
 * browser reports collected — from the pages (the `securitypolicyviolation` event, listened to
 * before any page script runs) and from the workers (their console, where Chromium reports a
 * worker's violations) — and none allowed. Every response the demo served on the way must carry
 * the security headers of demo/server/security-headers.ts, exactly.
 */
import { expect, test, type Page, type Response } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../demo/server/security-headers.js';
import { installStandIn } from './stand-in.js';

const OPERATOR_KEY = 'e2e-operator-key';
/** How Chromium words a CSP violation on the console ("Refused to load …", "… violates the following Content Security Policy directive …"). */
const CSP_CONSOLE = /Content Security Policy|Refused to (load|execute|apply|compile|create|connect|frame|evaluate)/i;

/** Every violation the page, its frames and its workers report, in Node, across navigations. */
async function collectViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__fvCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    // Capture phase on the document: the event is fired at the offending element (composed, so it
    // leaves the widget's shadow root) or at the document itself.
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __fvCspViolation: (v: string) => void }).__fvCspViolation;
      void report(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    }, true);
  });
  page.on('console', (m) => {
    if (CSP_CONSOLE.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  page.on('worker', (w) => w.on('console', (m) => {
    if (CSP_CONSOLE.test(m.text())) violations.push(`worker ${w.url()}: ${m.text()}`);
  }));
  return violations;
}

/** Every response from the demo's origin (not the stand-in camera's media, which the test serves). */
function collectResponses(page: Page, origin: string): Response[] {
  const responses: Response[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(`${origin}/`) && !new URL(r.url()).pathname.startsWith('/__stand-in-media/')) responses.push(r);
  });
  return responses;
}

test.beforeEach(async ({ page }) => {
  await installStandIn(page, { mode: 'cooperative' });
});

test('a whole seller session, the operator page and the privacy page run with zero CSP violations, and every demo response carries the security headers', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const violations = await collectViolations(page);
  const responses = collectResponses(page, origin);

  // The seller's flow, as demo-flow.spec.ts's first test: consent → capture → review → send → receipt.
  await page.goto('/');
  const fv = page.locator('face-verify');
  await expect(fv).toHaveAttribute('step', 'consent');
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv).toHaveAttribute('step', 'guidance', { timeout: 30_000 });
  await expect(fv).toHaveAttribute('step', 'capture', { timeout: 30_000 });
  await expect(fv.locator('[part="flash"]')).toBeVisible({ timeout: 10_000 });
  await expect(fv).toHaveAttribute('step', 'review', { timeout: 40_000 });
  await expect(fv.locator('video[part="review-video"]')).toHaveAttribute('src', /^blob:/);
  await fv.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(fv).toHaveAttribute('step', 'done', { timeout: 30_000 });
  const receiptId = (await fv.locator('[part="receipt-id"]').textContent())!.trim();
  expect(receiptId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  await page.getByLabel('Shop name').fill('Clay & Co');
  await page.getByLabel('Email').fill('clay@example.test');
  await page.getByRole('button', { name: 'Create my seller account' }).click();
  await expect(page.locator('#result')).toContainText('Welcome, Clay & Co');

  // The operator page: sign in, the list, and the clip opened and played (media from a blob:).
  const list = await page.request.get('/api/operator/submissions', { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
  const stored = ((await list.json()) as { id: string; receiptId: string }[]).find((s) => s.receiptId === receiptId);
  expect(stored).toBeTruthy();
  await page.goto('/operator');
  await page.getByLabel('Operator key').fill(OPERATOR_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator(`tr[data-id="${stored!.id}"] button`).click();
  await expect.poll(() => page.locator('#video').evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);

  await page.goto('/privacy');
  await expect(page.locator('h1')).toBeVisible();
  // A violation is reported asynchronously; give the last page's a moment to arrive.
  await page.waitForTimeout(500);

  expect(violations).toEqual([]);

  // What was served: documents, scripts, the widget's workers, wasm and model, and the API answers.
  const kinds = new Set(responses.map((r) => r.request().resourceType()));
  for (const kind of ['document', 'script', 'fetch']) expect([...kinds]).toContain(kind);
  const paths = responses.map((r) => new URL(r.url()).pathname);
  for (const path of ['/', '/operator', '/privacy', '/api/face-verify/session', '/api/face-verify/challenge', '/api/face-verify/submit']) expect(paths).toContain(path);
  const missing: string[] = [];
  for (const r of responses) {
    const headers = await r.allHeaders();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (headers[name] !== value) missing.push(`${r.request().method()} ${new URL(r.url()).pathname} (${r.status()}): ${name} is ${JSON.stringify(headers[name])}`);
    }
  }
  expect(missing).toEqual([]);
  // The headers checked are the policy meant, not merely equal to whatever the module exports now.
  expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  expect(SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
  expect(SECURITY_HEADERS['referrer-policy']).toBe('no-referrer');
  expect(SECURITY_HEADERS['permissions-policy']).toContain('camera=(self)');
  console.log(`csp: ${responses.length} demo responses checked (${[...kinds].sort().join(', ')}), ${violations.length} violations`);
});

import { expect, test, type Locator, type Page } from '@playwright/test';
import { installCameraSpy } from './camera-spy.js';
import { installStandIn } from './stand-in.js';

/**
 * Keyboard only, against the built clip-mode demo: the whole flow with Tab, Shift+Tab, Space and
 * Enter (no mouse, no element.click()), focus on each step's heading, and the colour warning and the
 * no-flash switch met at a Tab stop with a name.
 */

/** What has focus inside the element: its part, name and description, or null when focus is outside it. */
async function focused(fv: Locator): Promise<{ part: string; tag: string; text: string; described: string } | null> {
  return fv.evaluate((el) => {
    if (document.activeElement !== el) return null;
    const a = el.shadowRoot!.activeElement as HTMLElement | null;
    if (!a) return null;
    const ids = (a.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const described = ids.map((id) => el.shadowRoot!.getElementById(id)?.textContent ?? '').join(' ').trim();
    return { part: a.getAttribute('part') ?? '', tag: a.tagName.toLowerCase(), text: (a.textContent ?? '').trim(), described };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's part list holds `part`; fails after `max` presses. */
async function tabTo(page: Page, fv: Locator, part: string, max = 25, key = 'Tab'): Promise<NonNullable<Awaited<ReturnType<typeof focused>>>> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(fv);
    seen.push(f ? `${f.tag}[${f.part}]` : 'outside');
    if (f && f.part.split(/\s+/).includes(part)) return f;
  }
  throw new Error(`${key} never reached part="${part}" in ${max} presses; focus went: ${seen.join(' → ')}`);
}

test.beforeEach(async ({ page }) => {
  await installStandIn(page, { mode: 'cooperative' });
  await installCameraSpy(page);
  // Each step change is recorded with what had focus at that moment (the element focuses the
  // heading before it reflects the new step, so the observer sees the settled focus).
  await page.addInitScript(() => {
    const log: { step: string; part: string | null; heading: string }[] = [];
    (window as unknown as { __fvFocus: typeof log }).__fvFocus = log;
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        const a = document.activeElement === el ? (el.shadowRoot?.activeElement as HTMLElement | null) : null;
        log.push({ step: el.getAttribute('step') ?? '', part: a?.getAttribute('part') ?? null, heading: el.shadowRoot?.querySelector('[part="heading"]')?.textContent ?? '' });
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['step'] });
  });
});

test('keyboard only: consent to receipt with Tab, Space and Enter; focus lands on each step heading; colour warning and no-flash switch are named Tab stops', async ({ page }) => {
  await page.goto('/');
  const fv = page.locator('face-verify');
  await expect(fv).toHaveAttribute('step', 'consent');
  await expect(fv.getByRole('button', { name: 'Continue' })).toBeVisible();

  // Consent: Tab to the agreement, tick it with Space, Tab on to Continue and press Enter.
  const box = await tabTo(page, fv, 'agree-checkbox');
  expect(box.tag).toBe('input');
  await page.keyboard.press('Space');
  await expect(fv.getByRole('checkbox')).toBeChecked();
  // Tab goes past Continue to the decline button; Shift+Tab comes back to Continue.
  await tabTo(page, fv, 'decline');
  await tabTo(page, fv, 'continue', 3, 'Shift+Tab');
  await page.keyboard.press('Enter');

  // Guidance: the heading has focus; Tab reaches the no-flash switch, whose description is the warning.
  await expect(fv).toHaveAttribute('step', 'guidance', { timeout: 30_000 });
  await expect.poll(async () => (await focused(fv))?.part).toBe('heading');
  const warning = fv.locator('[part="flash-warning"]');
  await expect(warning).toBeVisible({ timeout: 10_000 });
  const warningText = (await warning.textContent())!.trim();
  const reduced = await tabTo(page, fv, 'reduced-path');
  expect(reduced.tag).toBe('button');
  expect(reduced.text).toMatch(/without them/);
  expect(reduced.described).toBe(warningText);
  const switchButton = fv.locator('button[part~="reduced-path"]');
  await expect(switchButton).toHaveAccessibleName(/Flashing colours or head movements/);
  await expect(switchButton).toHaveAccessibleDescription(warningText);
  console.log(`keyboard: no-flash switch "${reduced.text}", described by "${warningText}"`);

  // Capture runs on its own (the stand-in follows the prompts); then review, where Enter sends.
  await expect(fv).toHaveAttribute('step', 'review', { timeout: 90_000 });
  await expect.poll(async () => (await focused(fv))?.part).toBe('heading');
  await expect(fv.locator('[part="liveness-result"]')).toContainText('Checks passed');
  await tabTo(page, fv, 'send');
  await page.keyboard.press('Enter');
  await expect(fv).toHaveAttribute('step', 'done', { timeout: 30_000 });
  await expect.poll(async () => (await focused(fv))?.part).toBe('heading');
  await expect(fv.locator('[part="receipt-id"]')).toHaveText(/^[A-Za-z0-9_-]{16,}$/);
  // The receipt's links are Tab stops too.
  await tabTo(page, fv, 'erase-link');

  // Every step the element moved to had its heading focused as it appeared (consent, the first
  // step, is on the page from load: taking focus there would pull a reader away from the page).
  const log = await page.evaluate(() => (window as unknown as { __fvFocus: { step: string; part: string | null; heading: string }[] }).__fvFocus);
  console.log(`keyboard: steps and focus ${JSON.stringify(log.map((e) => `${e.step}:${e.part}`))}`);
  const steps = log.map((e) => e.step);
  for (const s of ['guidance', 'capture', 'review', 'done']) expect(steps).toContain(s);
  for (const e of log.filter((e) => e.step !== 'consent')) {
    expect(e.part, `focus on step ${e.step}`).toBe('heading');
    expect(e.heading.trim().length, `heading text on step ${e.step}`).toBeGreaterThan(0);
  }
});

import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chromiumArgs, CHROMIUM_PATH, fakeCamera } from '../chromium.mjs';

/**
 * The theme attribute on the built clip demo: screenshots of the element on consent and guidance in
 * light and dark into .cache/screenshots/ (ignored by git; paths printed), and the computed container
 * backgrounds of the two themes differ. Chromium's fake camera films an empty room (no_face), so
 * the flow stays on guidance while both themes are shot; a face would move it on to capture.
 */

const SHOTS = '.cache/screenshots';

type Theme = 'light' | 'dark';

/** Pins the element's theme and the system preference, and returns the container's computed background. */
async function applyTheme(page: Page, fv: Locator, theme: Theme, system: Theme = theme): Promise<string> {
  await page.emulateMedia({ colorScheme: system });
  await fv.evaluate((el, th) => el.setAttribute('theme', th), theme);
  return fv.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('[part="container"]')!).backgroundColor);
}

async function shoot(fv: Locator, theme: Theme, step: string): Promise<void> {
  const path = `${SHOTS}/theme-${theme}-${step}.png`;
  await fv.screenshot({ path, animations: 'disabled' });
  console.log(`screenshot: ${path}`);
}

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs(fakeCamera('no_face')) } });

test.beforeEach(() => {
  mkdirSync(SHOTS, { recursive: true });
});

test('theme light and dark: consent and guidance screenshots, the container backgrounds differ, and theme="dark" beats a light system preference', async ({ page }) => {
  await page.goto('/');
  const fv = page.locator('face-verify');
  await expect(fv).toHaveAttribute('step', 'consent');
  await expect(fv.getByRole('button', { name: 'Continue' })).toBeVisible();

  const consent: Record<Theme, string> = { light: '', dark: '' };
  for (const theme of ['light', 'dark'] as const) {
    consent[theme] = await applyTheme(page, fv, theme);
    await shoot(fv, theme, 'consent');
  }
  console.log(`theme: consent container background light ${consent.light}, dark ${consent.dark}`);
  expect(consent.light).not.toBe(consent.dark);
  // The attribute wins over the system: dark stays dark under a light preference, and the reverse.
  expect(await applyTheme(page, fv, 'dark', 'light')).toBe(consent.dark);
  expect(await applyTheme(page, fv, 'light', 'dark')).toBe(consent.light);

  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv).toHaveAttribute('step', 'guidance', { timeout: 30_000 });
  // The camera's picture is in the viewfinder before the shots, so they show the real guidance screen.
  await expect.poll(() => fv.locator('video').evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  const guidance: Record<Theme, string> = { light: '', dark: '' };
  for (const theme of ['light', 'dark'] as const) {
    guidance[theme] = await applyTheme(page, fv, theme);
    await expect(fv).toHaveAttribute('step', 'guidance');
    await shoot(fv, theme, 'guidance');
  }
  console.log(`theme: guidance container background light ${guidance.light}, dark ${guidance.dark}`);
  expect(guidance.light).not.toBe(guidance.dark);
});

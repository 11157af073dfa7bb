import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { installStandIn } from './stand-in.js';

/**
 * Phones: on 360×640 and 390×844 the widget stays inside the viewport on every step it reaches,
 * the viewfinder is portrait, and turning the phone keeps it inside. Screenshots go to
 * .cache/screenshots/phone-*.png (paths printed).
 */
const SHOTS = '.cache/screenshots';

async function assertInside(page: Page, fv: Locator, what: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const box = await fv.boundingBox();
  expect(box, `${what}: the element has a box`).not.toBeNull();
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right edge within ${viewport.width}px`).toBeLessThanOrEqual(viewport.width + 0.5);
  // Nothing inside scrolls sideways either (a long word or URL would).
  const overflow = await fv.evaluate((el) => {
    const c = el.shadowRoot!.querySelector('.container')!;
    return c.scrollWidth - c.clientWidth;
  });
  expect(overflow, `${what}: no horizontal overflow inside`).toBeLessThanOrEqual(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what}: the page does not scroll sideways`).toBeLessThanOrEqual(viewport.width);
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const path = `${SHOTS}/phone-${name}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
}

async function viewfinderAspect(fv: Locator): Promise<number> {
  const box = await fv.locator('[part="viewfinder"]').boundingBox();
  return box!.width / box!.height;
}

for (const size of [{ width: 360, height: 640 }, { width: 390, height: 844 }]) {
  const tag = `${size.width}x${size.height}`;
  test(`${tag}: inside the viewport on consent, guidance, capture and review; portrait viewfinder; rotation keeps it inside`, async ({ page }) => {
    await page.setViewportSize(size);
    await installStandIn(page, { mode: 'cooperative' });
    await page.goto('/');
    const fv = page.locator('face-verify');
    await expect(fv).toHaveAttribute('step', 'consent');
    await assertInside(page, fv, 'consent');
    await shot(page, `${tag}-consent`);

    await fv.getByRole('checkbox').check();
    await fv.getByRole('button', { name: 'Continue' }).click();
    await expect(fv).toHaveAttribute('step', 'guidance', { timeout: 30_000 });
    await assertInside(page, fv, 'guidance');
    // The stand-in's frame is 640×480 (landscape): a portrait screen still shows a 3:4 box.
    expect(await viewfinderAspect(fv), 'portrait viewfinder on a portrait screen').toBeCloseTo(0.75, 2);
    await shot(page, `${tag}-guidance`);

    await expect(fv).toHaveAttribute('step', 'capture', { timeout: 30_000 });
    await assertInside(page, fv, 'capture');
    await shot(page, `${tag}-capture`);
    await expect(fv).toHaveAttribute('step', 'review', { timeout: 40_000 });
    await assertInside(page, fv, 'review');
    await shot(page, `${tag}-review`);

    await page.setViewportSize({ width: size.height, height: size.width });
    await assertInside(page, fv, 'review, landscape');
    await shot(page, `${tag}-review-landscape`);
    await page.setViewportSize(size);
    await assertInside(page, fv, 'review, back to portrait');
  });
}

test('a camera that gives portrait frames gets a viewfinder of the same shape, and turning to landscape keeps it inside', async ({ page }) => {
  // Chromium's fake camera crops to a portrait 3:4 frame when asked, as a phone held upright delivers.
  await page.addInitScript(() => {
    const md = navigator.mediaDevices;
    const original = md.getUserMedia.bind(md);
    md.getUserMedia = (c) => original({ ...c, video: { ...(typeof c?.video === 'object' ? c.video : {}), width: undefined, height: undefined, aspectRatio: { exact: 0.75 } } });
  });
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto('/');
  const fv = page.locator('face-verify');
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv).toHaveAttribute('step', 'guidance', { timeout: 30_000 });
  const frame = await fv.evaluate((el) => {
    const v = el.shadowRoot!.querySelector('video')!;
    return { w: v.videoWidth, h: v.videoHeight };
  });
  expect(frame.w / frame.h, 'the camera gives portrait frames').toBeCloseTo(0.75, 2);
  await expect.poll(() => viewfinderAspect(fv)).toBeCloseTo(0.75, 2);
  await assertInside(page, fv, 'portrait camera, guidance');
  await shot(page, 'portrait-camera-guidance');
  await page.setViewportSize({ width: 640, height: 360 });
  // A portrait frame keeps its portrait box on a landscape screen; its height fits the screen.
  await expect.poll(() => viewfinderAspect(fv)).toBeCloseTo(0.75, 2);
  await assertInside(page, fv, 'portrait camera, landscape screen');
  const vf = (await fv.locator('[part="viewfinder"]').boundingBox())!;
  expect(vf.height, 'the preview fits 60 % of a 360 px tall screen').toBeLessThanOrEqual(360 * 0.6 + 1);
  await shot(page, 'portrait-camera-landscape');
});

import { expect, test, type Page } from '@playwright/test';
import { installCameraSpy, trackStates } from './camera-spy.js';

/**
 * Camera choice on Chromium's fake capture with two devices (fake_device_0, fake_device_1; test
 * patterns, no face, so the flow stays in guidance where the picker is).
 */
async function liveDeviceIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as { __fvCamera: { streams: MediaStream[] } }).__fvCamera.streams
      .flatMap((s) => s.getVideoTracks())
      .filter((t) => t.readyState === 'live')
      .map((t) => t.getSettings().deviceId ?? ''),
  );
}

test('switching cameras in the picker stops the old track, keeps one live, marks virtual cameras, and is remembered next visit', async ({ page }) => {
  await installCameraSpy(page);
  await page.goto('/');
  const fv = page.locator('face-verify');
  expect(await page.evaluate(() => localStorage.getItem('face-verify:camera')), 'nothing stored before consent').toBeNull();
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv).toHaveAttribute('step', 'guidance', { timeout: 30_000 });

  const picker = fv.getByRole('combobox', { name: 'Camera' });
  await expect(picker).toBeVisible();
  const options = picker.locator('option');
  await expect(options).toHaveCount(2);
  // Chromium's fake devices are virtual cameras by their label.
  await expect(options.first()).toContainText('(virtual camera)');

  const [first] = await liveDeviceIds(page);
  const other = await options.evaluateAll((os, id) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v !== id)!, first);
  await picker.selectOption(other);
  await expect.poll(() => liveDeviceIds(page), { timeout: 15_000 }).toEqual([other]);
  await expect(fv).toHaveAttribute('step', 'guidance');
  const states = await trackStates(page);
  expect(states.filter((s) => s === 'live'), 'one live track after the switch').toHaveLength(1);
  expect(states.filter((s) => s === 'ended').length, 'the first camera was stopped').toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => localStorage.getItem('face-verify:camera'))).toBe(other);

  // Next visit: the remembered camera opens first.
  await page.reload();
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv).toHaveAttribute('step', 'guidance', { timeout: 30_000 });
  await expect.poll(() => liveDeviceIds(page)).toEqual([other]);
});

import type { Page } from '@playwright/test';

/**
 * Installed before any page script runs: records every getUserMedia call and keeps the streams it
 * returned, so a test can prove the camera was never asked for, or that every track has ended.
 */
export async function installCameraSpy(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __fvCamera: { calls: number; streams: MediaStream[] } };
    w.__fvCamera = { calls: 0, streams: [] };
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      w.__fvCamera.calls++;
      const stream = await original(constraints);
      w.__fvCamera.streams.push(stream);
      return stream;
    };
  });
}

export function cameraCalls(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __fvCamera: { calls: number } }).__fvCamera.calls);
}

/** States of every track ever handed out ("live" or "ended"). */
export function trackStates(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as { __fvCamera: { streams: MediaStream[] } }).__fvCamera.streams.flatMap((s) =>
      s.getTracks().map((t) => t.readyState),
    ),
  );
}

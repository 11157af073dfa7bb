import type { Page } from '@playwright/test';

/**
 * Installed before any page script runs: records every getUserMedia call and keeps the streams it
 * returned, so a test can prove the camera was never asked for, or that every track has ended.
 */
export async function installCameraSpy(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __fvCamera: { calls: number; streams: MediaStream[] }; __fvWorkers: { created: number; terminated: number } };
    w.__fvCamera = { calls: 0, streams: [] };
    // Count Workers made and terminated, so "no leaked worker" is a number, not a belief.
    w.__fvWorkers = { created: 0, terminated: 0 };
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        w.__fvWorkers.created++;
      }
      override terminate(): void {
        w.__fvWorkers.terminated++;
        super.terminate();
      }
    };
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

/** Workers the page has created and terminated so far. */
export function workerCounts(page: Page): Promise<{ created: number; terminated: number }> {
  return page.evaluate(() => ({ ...(window as unknown as { __fvWorkers: { created: number; terminated: number } }).__fvWorkers }));
}

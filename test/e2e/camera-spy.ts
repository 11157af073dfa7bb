import type { Page } from '@playwright/test';

/**
 * Installed before any page script runs: records every getUserMedia call and keeps the streams it
 * returned, so a test can prove the camera was never asked for, or that every track has ended.
 */
export async function installCameraSpy(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __fvCamera: { calls: number; streams: MediaStream[] }; __fvWorkers: { created: number; terminated: number } };
    w.__fvCamera = { calls: 0, streams: [] };
    // Keep every FormData the page uploads: CDP does not report the file parts of a multipart body,
    // so the test re-encodes the very same FormData with the browser's own encoder to verify it.
    const uploads: FormData[] = [];
    (window as unknown as { __fvUploads: FormData[] }).__fvUploads = uploads;
    const nativeFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      if (init?.body instanceof FormData) uploads.push(init.body);
      return nativeFetch(input, init);
    };
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

/** The last multipart body the page uploaded, encoded by the browser (bytes and content type). */
export async function lastUpload(page: Page): Promise<{ body: Uint8Array; contentType: string }> {
  const { base64, contentType } = await page.evaluate(async () => {
    const forms = (window as unknown as { __fvUploads: FormData[] }).__fvUploads;
    const response = new Response(forms[forms.length - 1]!);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { base64: btoa(binary), contentType: response.headers.get('content-type')! };
  });
  return { body: new Uint8Array(Buffer.from(base64, 'base64')), contentType };
}

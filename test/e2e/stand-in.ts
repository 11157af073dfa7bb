import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

/** ../shared/media beside the repo: fixtures are read from there at test time, never copied. */
const MEDIA_DIR = fileURLToPath(new URL('../../../shared/media/', import.meta.url));
const STAND_IN = fileURLToPath(new URL('../stand-in/stand-in-camera.js', import.meta.url));
const SEGMENTS = JSON.parse(readFileSync(fileURLToPath(new URL('../../eval/segments.json', import.meta.url)), 'utf8')) as {
  clips: { name: string; file: string }[];
};

/**
 * Installs the test-only stand-in camera (test/stand-in) in the page before any of its scripts run:
 * a person from a real clip who, in `cooperative` mode, follows the widget's prompts and reflects
 * its colours. Its frames are served to the page from ../shared/media by this test, on the page's
 * own origin under /__stand-in-media/.
 */
export async function installStandIn(page: Page, options: { clip?: string; mode?: string; label?: string } = {}): Promise<void> {
  const entry = SEGMENTS.clips.find((c) => c.name === (options.clip ?? 'hill'));
  if (!entry) throw new Error(`eval/segments.json has no clip ${options.clip}`);
  await page.route('**/__stand-in-media/**', (route) =>
    route.fulfill({ body: readFileSync(MEDIA_DIR + decodeURIComponent(new URL(route.request().url()).pathname.replace('/__stand-in-media/', ''))) }),
  );
  await page.addInitScript({ path: STAND_IN });
  await page.addInitScript((o) => (globalThis as unknown as { FaceVerifyStandIn: { install(o: unknown): void } }).FaceVerifyStandIn.install(o), {
    clip: `/__stand-in-media/${entry.file}`, segments: entry, mode: options.mode ?? 'cooperative', seed: 5,
    ...(options.label ? { label: options.label } : {}),
  });
}

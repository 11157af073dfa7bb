/**
 * What both embedding evaluations share: build eval/embedding-page.html (the widget's own workers
 * and self-hosted assets), serve it with the caller's media on 127.0.0.1, and run a function in it
 * in headless Debian Chromium.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../test/chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE_DIR = join(ROOT, '.cache/eval-embedding');
export const SHARED_MEDIA = resolve(ROOT, '../shared/media');

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/** A media route: `/media/<i>` answers `media(i)` (bytes, or a file path), or 404 on undefined. */
export type MediaSource = (index: number) => Uint8Array | string | undefined;

/**
 * Builds the page, serves it, and calls `run(page, mediaUrl)` once it is ready.
 * @param run - receives the page and a function giving the URL of media item `i`.
 */
export async function withEmbeddingPage<T>(media: MediaSource, run: (page: Page, mediaUrl: (i: number) => string) => Promise<T>): Promise<T> {
  const build = spawnSync('npx', ['vite', 'build', '--config', 'eval/vite.embedding.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building eval/embedding-page.html failed (run `npm run model` first)');

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const item = url.pathname.startsWith('/media/') ? media(Number(url.pathname.slice(7))) : undefined;
    if (item instanceof Uint8Array) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(item);
      return;
    }
    const file = item ?? resolve(PAGE_DIR, `.${decodeURIComponent(url.pathname)}`);
    if ((item === undefined && !file.startsWith(PAGE_DIR)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs() });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${origin}/embedding-page.html`);
    await page.waitForFunction(() => 'fvEval' in window);
    return await run(page, (i) => `${origin}/media/${i}`);
  } finally {
    await browser.close();
    server.close();
  }
}

/** Median of numbers (NaN for none). */
export function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/**
 * What the zero-upload mode costs a seller in time, against clip mode, in one run: whole sessions
 * (agree → receipt) of the built demo in each mode, alternated so both see the same machine load,
 * with the stand-in person (test/stand-in, the katiehill clip following the prompts) as the camera.
 * Prints each mode's medians — session, consent → first frame, the template's descriptor time and
 * frames, what was sent — and the embedding/clip ratios.
 *
 * `npm run build && npm run bench:session [-- --runs N]` (default 3 sessions per mode).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { createDemoApp, type DemoApp } from '../demo/server/app.js';
import type { FlowMetrics } from '../src/flow/metrics.js';
import type { VerificationMode } from '../src/shared/manifest.js';
import { CHROMIUM_PATH, chromiumArgs } from '../test/chromium.mjs';
import { installStandIn } from '../test/e2e/stand-in.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const MODES: VerificationMode[] = ['clip', 'embedding'];

const tmp = await mkdtemp(join(tmpdir(), 'fv-bench-session-'));
const apps = new Map<VerificationMode, { app: DemoApp; origin: string }>();
for (const mode of MODES) {
  const app = await createDemoApp({
    dataDir: join(tmp, mode, 'data'), keyFile: join(tmp, mode, 'secrets', 'keys.json'), mode, log: () => {},
    liveness: { actions: ['turn-left', 'turn-right', 'look-up'] },
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  apps.set(mode, { app, origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs() });
const results = new Map<VerificationMode, FlowMetrics[]>(MODES.map((m) => [m, []]));
try {
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 ? [...MODES].reverse() : MODES) {
      const context = await browser.newContext({ permissions: ['camera'] });
      const page = await context.newPage();
      await installStandIn(page, { clip: 'hill', mode: 'cooperative' });
      await page.goto(`${apps.get(mode)!.origin}/`);
      const fv = page.locator('face-verify');
      await fv.getByRole('checkbox').check();
      await fv.getByRole('button', { name: 'Continue' }).click();
      await page.waitForSelector('face-verify[step="review"]', { timeout: 120_000 });
      await fv.getByRole('button', { name: 'Send', exact: true }).click();
      await page.waitForSelector('face-verify[step="done"]', { timeout: 60_000 });
      const metrics = await fv.evaluate((el) => ({ ...(el as unknown as { metrics: FlowMetrics }).metrics }));
      results.get(mode)!.push(metrics);
      console.log(`${mode.padEnd(9)} run ${i + 1}: session ${ms(metrics.sessionMs)}, sealed ${metrics.sealedBytes} B${metrics.templateDescribeMs !== undefined ? `, template ${metrics.templateFrames} frames in ${ms(metrics.templateDescribeMs)} (spread ${metrics.templateSpread?.toFixed(3)})` : ''}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const { app } of apps.values()) await app.close();
  await rm(tmp, { recursive: true, force: true });
}

function ms(v: number | undefined): string {
  return v === undefined ? '—' : `${(v / 1000).toFixed(2)} s`;
}
function median(list: (number | undefined)[]): number {
  const v = list.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)]! : NaN;
}
const of = (mode: VerificationMode, key: keyof FlowMetrics) => median(results.get(mode)!.map((m) => m[key] as number | undefined));

console.log(`\nmedians of ${runs} sessions per mode (agree → receipt)`);
for (const mode of MODES) {
  console.log(`  ${mode.padEnd(9)} session ${ms(of(mode, 'sessionMs'))}, consent → first frame ${ms(of(mode, 'consentToFirstFrameMs'))}, frame latency ${of(mode, 'frameLatencyMedianMs').toFixed(0)} ms, sealed ${of(mode, 'sealedBytes')} B`);
}
console.log(`  embedding: descriptor ${ms(of('embedding', 'templateDescribeMs'))} for ${of('embedding', 'templateFrames')} frames`);
console.log(`ratio embedding/clip: session ${(of('embedding', 'sessionMs') / of('clip', 'sessionMs')).toFixed(2)}, sealed bytes ${(of('embedding', 'sealedBytes') / of('clip', 'sealedBytes')).toFixed(3)}`);

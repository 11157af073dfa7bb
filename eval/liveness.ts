/**
 * `npm run eval:liveness` — how often the liveness check accepts genuine people and attacks.
 *
 * Runs the real built widget (dist/, `npm run build` first) in headless Debian Chromium against the
 * demo backend started in-process, with test/stand-in/stand-in-camera.js as the camera. Genuine runs:
 * the stand-in in `cooperative` mode on every clip of the segments file that has two action types or
 * more (or blinks only), with the server's action pool set to the clip's actions. Attacks: the
 * stand-in's other modes (photo, replay, wrong-order, puppet, recorded-replay, two-faces, no-face),
 * a cooperative stand-in behind a virtual camera's label, and a cooperative stand-in reported as a
 * "prompt-following deepfake": it follows the prompts and fakes the reflections, which is exactly
 * what a live person does, so the client cannot tell it apart and it is expected to be accepted.
 *
 * A run is a session: consent, camera, guidance, capture (the widget records again by itself after an
 * on-device failure, up to its attempt limit), review, Send, the server's own check. It is ACCEPTED
 * when the server stored the submission. Rates in ISO/IEC 30107-3 terms: APCER per attack species
 * (attack presentations accepted / attack presentations), BPCER (bona fide presentations not
 * accepted / bona fide presentations), per session and per attempt (the first attempt alone).
 *
 * Options: --clips DIR (DIR/segments.json, clips relative to DIR), --media DIR (where the default
 * eval/segments.json's clips are; default ../shared/media beside the repo), --runs N (genuine runs
 * per clip, default 3), --attack-runs N (runs per attack species, default 2, rotating over the
 * clips), --only NAME,… (clips), --species a,b (attack species; `none` for genuine only),
 * --json OUT, --dump DIR, --timeout S (per run, default 120), --verbose. Exit code 0 unless the
 * harness itself broke. See eval/README.md.
 */
import { existsSync, statSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createDemoApp } from '../demo/server/app.js';
import type { LivenessOptions } from '../src/server/index.js';
import { CHROMIUM_PATH, chromiumArgs } from '../test/chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAND_IN = join(ROOT, 'test/stand-in/stand-in-camera.js');
const DEFAULT_SEGMENTS = join(ROOT, 'eval/segments.json');
const DEFAULT_MEDIA = resolve(ROOT, '../shared/media');
const OPERATOR_KEY = 'eval-operator-key';
const CLIP_ROUTE = '/__stand-in__/clips/';
const ACTIONS = ['turn-left', 'turn-right', 'look-up', 'nod', 'blink', 'smile'] as const;

// ---- the segments file ----------------------------------------------------------------------------
interface ClipEntry {
  name: string;
  file: string;
  fps: number;
  neutral: [number, number];
  actions: Partial<Record<(typeof ACTIONS)[number], [number, number][]>>;
  note?: string;
}
interface SegmentsFile {
  v: 1;
  noFaceFile?: string;
  clips: ClipEntry[];
}

function segmentsProblems(file: SegmentsFile, mediaDir: string): string[] {
  const problems: string[] = [];
  if (file?.v !== 1) problems.push('v: must be 1');
  if (!Array.isArray(file?.clips) || file.clips.length === 0) return [...problems, 'clips: must be a non-empty array'];
  if (file?.noFaceFile !== undefined && (typeof file.noFaceFile !== 'string' || !existsSync(clipPath(mediaDir, file.noFaceFile) ?? ''))) {
    problems.push(`noFaceFile: ${String(file.noFaceFile)} is not a file in ${mediaDir}`);
  }
  const names = new Set<string>();
  const isSeg = (s: unknown): s is [number, number] => Array.isArray(s) && s.length === 2 && s.every((x) => typeof x === 'number' && x >= 0) && s[0] <= s[1];
  file.clips.forEach((c, i) => {
    const at = `clips[${i}]${c?.name ? ` (${c.name})` : ''}`;
    if (typeof c?.name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(c.name)) problems.push(`${at}.name: letters, digits, - and _ only`);
    else if (names.has(c.name)) problems.push(`${at}.name: used twice`);
    names.add(c?.name);
    if (typeof c?.file !== 'string') problems.push(`${at}.file: must be a path relative to ${mediaDir}`);
    else if (!existsSync(clipPath(mediaDir, c.file) ?? '')) problems.push(`${at}.file: ${join(mediaDir, c.file)} does not exist`);
    if (c?.fps !== undefined && !(typeof c.fps === 'number' && c.fps > 0)) problems.push(`${at}.fps: must be a positive number`);
    if (!isSeg(c?.neutral)) problems.push(`${at}.neutral: must be [startS, endS]`);
    if (typeof c?.actions !== 'object' || c.actions === null) problems.push(`${at}.actions: must be an object`);
    else {
      for (const [action, list] of Object.entries(c.actions)) {
        if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) problems.push(`${at}.actions.${action}: not one of ${ACTIONS.join(', ')}`);
        if (!Array.isArray(list) || !list.every(isSeg)) problems.push(`${at}.actions.${action}: must be a list of [startS, endS]`);
      }
    }
  });
  return problems;
}

/** The clip's file inside `mediaDir`, or null when the path climbs out of it. */
function clipPath(mediaDir: string, file: string): string | null {
  const path = resolve(mediaDir, file);
  return path.startsWith(resolve(mediaDir) + sep) ? path : null;
}

/** The actions a clip can do, and whether it takes part (≥ 2 action types, or blinks only). */
function clipPool(clip: ClipEntry): string[] {
  return Object.entries(clip.actions).filter(([a, list]) => a !== 'smile' && (list?.length ?? 0) > 0).map(([a]) => a);
}
function eligible(clip: ClipEntry): boolean {
  const pool = clipPool(clip);
  return pool.length >= 2 || (pool.length === 1 && pool[0] === 'blink');
}

// ---- cases ------------------------------------------------------------------------------------------
const SPECIES = {
  photo: { title: 'photo (one frame, reflects the screen)', mode: 'photo' },
  replay: { title: 'replayed video (natural order, looping)', mode: 'replay' },
  'wrong-order': { title: 'replayed actions in a random order', mode: 'wrong-order' },
  puppet: { title: 'puppet (follows prompts, no reflections)', mode: 'puppet' },
  'recorded-replay': { title: 'recorded replay of an accepted session', mode: 'recorded-replay' },
  'two-faces': { title: 'two faces in the picture', mode: 'two-faces' },
  'no-face': { title: 'no face (a cup)', mode: 'no-face' },
  'virtual-camera': { title: "virtual camera ('OBS Virtual Camera')", mode: 'cooperative', label: 'OBS Virtual Camera' },
  deepfake: { title: 'prompt-following deepfake (follows prompts and fakes reflections)', mode: 'cooperative' },
} as const satisfies Record<string, { title: string; mode: string; label?: string }>;
type Species = keyof typeof SPECIES;
const SPECIES_NAMES = Object.keys(SPECIES) as Species[];

interface Case {
  id: string;
  kind: 'genuine' | 'attack';
  species: Species | null;
  clip: ClipEntry;
  /** The clip the stand-in plays (the no-face picture for no-face). */
  file: string;
  pool: string[];
  run: number;
  seed: number;
}

// ---- what a run records -------------------------------------------------------------------------------
interface Reason {
  code: string;
  message: string;
  step?: number;
  action?: string;
  signal?: string;
}
interface Decision {
  level: string;
  reasons: Reason[];
  flags?: string[];
  actions?: { action: string; passed: boolean; peak: number; threshold: number; doneAt: number | null }[];
  colour?: { passed: boolean; correlation: number; threshold: number; shuffledMax: number; lagMs: number; frames: number } | null;
  signals?: { name: string; value: unknown; triggered: boolean; action: string }[];
}
interface Attempt {
  attempt: number;
  attemptsLeft: number;
  decision: Decision;
}
interface RunResult {
  id: string;
  kind: 'genuine' | 'attack';
  species: Species | null;
  clip: string;
  file: string;
  pool: string[];
  run: number;
  seed: number;
  attempts: Attempt[];
  steps: { step: string; at: number }[];
  endedAt: string;
  /** done | error | timeout | harness-error */
  ending: string;
  error: { code: string; serverCode?: string; message: string } | null;
  server: { stored: boolean; level: string | null; reasons: Reason[]; response: unknown } | null;
  accepted: boolean;
  acceptedFirstAttempt: boolean;
  durationMs: number;
  standIn: Record<string, unknown> | null;
  harnessError?: string;
  /** The widget ended in step error without firing face-verify-error. */
  errorEventMissing?: boolean;
}

// ---- arguments ----------------------------------------------------------------------------------------
const { values: args } = parseArgs({
  options: {
    clips: { type: 'string' },
    media: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'attack-runs': { type: 'string', default: '2' },
    only: { type: 'string' },
    species: { type: 'string' },
    json: { type: 'string' },
    dump: { type: 'string' },
    timeout: { type: 'string', default: '120' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (args.help) {
  console.log(readHeader());
  process.exit(0);
}

function readHeader(): string {
  return 'npm run eval:liveness -- [--clips DIR] [--media DIR] [--runs N] [--attack-runs N] [--only a,b] [--species a,b|none] [--json OUT] [--dump DIR] [--timeout S] [--verbose]\nSee eval/README.md.';
}
function positiveInt(name: string, value: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name}: must be a whole number ≥ ${min}, got ${value}`);
  return n;
}
function fail(message: string): never {
  console.error(`eval:liveness: ${message}`);
  process.exit(1);
}

const RUNS = positiveInt('runs', args.runs!);
const ATTACK_RUNS = positiveInt('attack-runs', args['attack-runs']!);
const TIMEOUT_MS = positiveInt('timeout', args.timeout!, 10) * 1000;
/** A step that lasts this long ends the run (guidance that never finds a face, a hung upload). */
const STUCK_MS = Math.min(TIMEOUT_MS, 30_000);
const segmentsPath = args.clips ? resolve(args.clips, 'segments.json') : DEFAULT_SEGMENTS;
const mediaDir = resolve(args.media ?? (args.clips ? args.clips : DEFAULT_MEDIA));

// ---- preconditions ------------------------------------------------------------------------------------
for (const needed of ['dist/face-verify.js', 'dist/mediapipe', 'dist/models']) {
  if (!existsSync(join(ROOT, needed))) fail(`${needed} is missing: run \`npm run build\` first (the eval runs the built widget).`);
}
const distTime = statSync(join(ROOT, 'dist/face-verify.js')).mtimeMs;
const newerSources = listFiles(join(ROOT, 'src')).filter((f) => statSync(f).mtimeMs > distTime);
if (newerSources.length > 0) {
  console.log(`note: ${newerSources.length} file(s) in src/ are newer than dist/ (e.g. ${relative(ROOT, newerSources[0]!)}); the eval runs dist/, so run \`npm run build\` if they matter.`);
}
if (!existsSync(CHROMIUM_PATH)) fail(`${CHROMIUM_PATH} not found (apt-get install chromium).`);
if (!existsSync(segmentsPath)) fail(`${segmentsPath} not found${args.clips ? ': --clips DIR must hold a segments.json' : ''}.`);
let segments: SegmentsFile;
try {
  segments = JSON.parse(await readFile(segmentsPath, 'utf8')) as SegmentsFile;
} catch (error) {
  fail(`${segmentsPath}: ${(error as Error).message}`);
}
const problems = segmentsProblems(segments, mediaDir);
if (problems.length > 0) fail(`${segmentsPath}:\n  ${problems.join('\n  ')}`);

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

// ---- the plan -------------------------------------------------------------------------------------------
const only = args.only ? new Set(args.only.split(',').map((s) => s.trim()).filter(Boolean)) : null;
if (only) {
  const unknown = [...only].filter((n) => !segments.clips.some((c) => c.name === n));
  if (unknown.length) fail(`--only: no clip named ${unknown.join(', ')} in ${segmentsPath} (clips: ${segments.clips.map((c) => c.name).join(', ')})`);
}
let speciesWanted: Species[] = SPECIES_NAMES;
if (args.species !== undefined) {
  const list = args.species.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = list.filter((s) => s !== 'none' && !SPECIES_NAMES.includes(s as Species));
  if (unknown.length) fail(`--species: unknown ${unknown.join(', ')}; known: ${SPECIES_NAMES.join(', ')} (or none)`);
  speciesWanted = list.filter((s): s is Species => s !== 'none');
}
const clips = segments.clips.filter((c) => (only ? only.has(c.name) : true));
const skipped = clips.filter((c) => !eligible(c));
const evalClips = clips.filter(eligible);
if (evalClips.length === 0) fail(`no clip with two action types or more (or blinks only) among ${clips.map((c) => c.name).join(', ')}`);
const noFaceFile = segments.noFaceFile ?? (existsSync(join(mediaDir, 'fakecam/no_face.mjpeg')) ? 'fakecam/no_face.mjpeg' : null);

function seedOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 2147483647;
}
const genuineCases: Case[] = [];
for (const clip of evalClips) {
  for (let run = 1; run <= RUNS; run++) {
    const id = `genuine/${clip.name}/${run}`;
    genuineCases.push({ id, kind: 'genuine', species: null, clip, file: clip.file, pool: clipPool(clip), run, seed: seedOf(id) });
  }
}
// Attacks rotate over the clips, those with head movements first (they make the harder puppets).
const attackClips = [...evalClips].sort((a, b) => clipPool(b).length - clipPool(a).length);
const attackCases: Case[] = [];
speciesWanted.forEach((species, k) => {
  for (let run = 1; run <= ATTACK_RUNS; run++) {
    const clip = attackClips[(k + run - 1) % attackClips.length]!;
    const id = `${species}/${clip.name}/${run}`;
    if (species === 'no-face' && !noFaceFile) continue;
    attackCases.push({ id, kind: 'attack', species, clip, file: species === 'no-face' ? noFaceFile! : clip.file, pool: clipPool(clip), run, seed: seedOf(id) });
  }
});
// recorded-replay needs an accepted genuine run to replay: one extra cooperative run if none is planned.
if (speciesWanted.includes('recorded-replay') && genuineCases.length === 0) {
  const clip = attackClips[0]!;
  genuineCases.push({ id: `genuine/${clip.name}/source`, kind: 'genuine', species: null, clip, file: clip.file, pool: clipPool(clip), run: 0, seed: seedOf('source') });
}
const plan = [...genuineCases, ...attackCases];

// ---- the backend: one demo app per action pool ------------------------------------------------------
const tmpRoot = await mkdtemp(join(tmpdir(), 'fv-eval-'));
const apps = new Map<string, { base: string; close: () => Promise<void>; log: string[] }>();
async function backendFor(pool: string[]): Promise<{ base: string; log: string[] }> {
  const key = pool.join(',');
  const existing = apps.get(key);
  if (existing) return existing;
  const dataDir = join(tmpRoot, `data-${apps.size}`);
  const log: string[] = [];
  const options: Parameters<typeof createDemoApp>[0] = {
    dataDir,
    keyFile: join(tmpRoot, `keys-${apps.size}`, 'keys.json'),
    operatorKey: OPERATOR_KEY,
    log: (line: string) => log.push(line),
    liveness: { actions: pool as NonNullable<LivenessOptions['actions']> },
  };
  const app = await createDemoApp(options);
  await new Promise<void>((ok, ko) => {
    app.server.once('error', ko);
    app.server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = app.server.address() as AddressInfo;
  const entry = { base: `http://127.0.0.1:${port}`, close: () => app.close(), log };
  apps.set(key, entry);
  return entry;
}

// ---- one run ---------------------------------------------------------------------------------------------
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let browser: Browser | undefined;
const acceptedRecordings = new Map<string, unknown>();

async function runCase(c: Case): Promise<RunResult> {
  const started = Date.now();
  const result: RunResult = {
    id: c.id, kind: c.kind, species: c.species, clip: c.clip.name, file: c.file, pool: c.pool, run: c.run, seed: c.seed,
    attempts: [], steps: [], endedAt: '', ending: '', error: null, server: null, accepted: false, acceptedFirstAttempt: false,
    durationMs: 0, standIn: null,
  };
  if (c.species === 'recorded-replay' && !acceptedRecordings.has(c.clip.name)) {
    // Replay what was accepted: the recording names frames of its own clip, so the case moves there.
    const clip = evalClips.find((e) => acceptedRecordings.has(e.name));
    if (clip) {
      c = { ...c, clip, file: clip.file, pool: clipPool(clip) };
      Object.assign(result, { clip: clip.name, file: clip.file, pool: c.pool });
    }
  }
  const spec = c.species ? SPECIES[c.species] : null;
  const standInOptions: Record<string, unknown> = {
    clip: CLIP_ROUTE + c.file.split('/').map(encodeURIComponent).join('/'),
    mode: spec?.mode ?? 'cooperative',
    segments: c.species === 'no-face' ? null : c.clip,
    seed: c.seed,
    log: args.verbose,
  };
  if (spec && 'label' in spec) standInOptions['label'] = spec.label;
  if (c.species === 'recorded-replay') {
    const recording = acceptedRecordings.get(c.clip.name);
    if (!recording) {
      result.ending = 'not-run';
      result.harnessError = 'no accepted genuine run to replay';
      return result;
    }
    standInOptions['recording'] = recording;
  }
  const backend = await backendFor(c.pool);
  let context: BrowserContext | null = null;
  try {
    context = await browser!.newContext();
    await context.route(`${backend.base}${CLIP_ROUTE}**`, async (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname.slice(CLIP_ROUTE.length));
      const file = clipPath(mediaDir, rel);
      if (!file || !existsSync(file)) return route.fulfill({ status: 404, body: 'no such clip' });
      return route.fulfill({ status: 200, path: file, headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' } });
    });
    const events: { type: string; detail: unknown; at: number }[] = [];
    await context.exposeFunction('__fvEvalEvent', (type: string, detail: unknown) => {
      events.push({ type, detail, at: Date.now() - started });
    });
    await context.addInitScript({ path: STAND_IN });
    await context.addInitScript((options) => {
      const w = window as unknown as { FaceVerifyStandIn: { install(o: unknown): Promise<unknown> }; __fvEvalEvent(t: string, d: unknown): void };
      void w.FaceVerifyStandIn.install(options).catch((e: unknown) => console.error('stand-in:', e));
      for (const type of ['face-verify-step', 'face-verify-liveness', 'face-verify-submitted', 'face-verify-error', 'face-verify-declined']) {
        document.addEventListener(type, (e) => {
          let detail: unknown = null;
          try {
            detail = JSON.parse(JSON.stringify((e as CustomEvent).detail ?? null));
          } catch {
            detail = String((e as CustomEvent).detail);
          }
          w.__fvEvalEvent(type, detail);
        }, true);
      }
    }, standInOptions);
    const page: Page = await context.newPage();
    let submitResponse: { status: number; body: unknown } | null = null;
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && response.url().endsWith('/api/face-verify/submit')) {
        void response.text().then((text) => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch { /* keep the text */ }
          submitResponse = { status: response.status(), body };
        }, () => {});
      }
    });
    if (args.verbose) page.on('console', (m) => console.log(`    page: ${m.text()}`));
    page.on('pageerror', (e) => console.log(`    page error: ${e.message}`));

    await page.goto(`${backend.base}/`);
    const fv = page.locator('face-verify');
    await fv.getByRole('checkbox').check({ timeout: 20_000 });
    await fv.getByRole('button', { name: 'Continue' }).click({ timeout: 10_000 });

    let step = '';
    let stepSince = Date.now();
    let sent = 0;
    for (;;) {
      const now = Date.now();
      const current = (await fv.getAttribute('step').catch(() => null)) ?? '';
      if (current !== step) {
        step = current;
        stepSince = now;
        result.steps.push({ step, at: now - started });
        if (args.verbose) console.log(`    step ${step} at ${((now - started) / 1000).toFixed(1)} s`);
      }
      if (step === 'done' || step === 'error' || step === 'declined') {
        result.ending = step;
        break;
      }
      if (step === 'review' && sent === result.steps.filter((s) => s.step === 'review').length - 1) {
        await fv.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 10_000 });
        sent++;
      }
      if (now - started > TIMEOUT_MS || now - stepSince > STUCK_MS) {
        result.ending = 'timeout';
        break;
      }
      await sleep(200);
    }
    result.endedAt = step;
    await sleep(300); // the last events
    const standIn = (await page.evaluate(() => (window as unknown as { FaceVerifyStandIn: { stats(): unknown } }).FaceVerifyStandIn.stats()).catch(() => null)) as Record<string, unknown> | null;
    result.standIn = standIn;
    for (const e of events) {
      if (e.type === 'face-verify-liveness') {
        const d = e.detail as { decision: Decision; attempt: number; attemptsLeft: number };
        result.attempts.push({ attempt: d.attempt, attemptsLeft: d.attemptsLeft, decision: d.decision });
      } else if (e.type === 'face-verify-submitted') {
        const d = e.detail as { receipt?: { liveness?: { level: string; reasons: Reason[] } }; liveness?: { level: string; reasons: Reason[] } };
        const receipt = d.receipt ?? d;
        result.server = { stored: true, level: receipt.liveness?.level ?? null, reasons: receipt.liveness?.reasons ?? [], response: receipt };
      } else if (e.type === 'face-verify-error') {
        result.error = e.detail as RunResult['error'];
      }
    }
    if (!result.server && result.error?.code === 'upload-rejected') {
      const body = (submitResponse as { body: unknown } | null)?.body as { reasons?: Reason[]; decision?: { level?: string; reasons?: Reason[] } } | undefined;
      result.server = {
        stored: false,
        level: body?.decision?.level ?? 'failed',
        reasons: body?.decision?.reasons ?? body?.reasons ?? [],
        response: submitResponse,
      };
    }
    const last = result.attempts[result.attempts.length - 1];
    if (result.ending === 'error' && !result.error && last && last.decision.level === 'failed' && last.attemptsLeft === 0) {
      // The widget ended in step error after its last failed recording without a face-verify-error event.
      result.error = { code: 'liveness-failed', message: 'every attempt failed on the device (inferred: no face-verify-error event was fired)' };
      result.errorEventMissing = true;
    }
    result.accepted = result.server?.stored === true;
    const first = result.attempts[0];
    result.acceptedFirstAttempt = result.accepted && first !== undefined && first.decision.level !== 'failed' && result.attempts.length === 1;
    if (result.accepted && c.kind === 'genuine' && standIn?.['recording']) acceptedRecordings.set(c.clip.name, standIn['recording']);
  } catch (error) {
    result.ending = 'harness-error';
    result.harnessError = (error as Error)?.stack ?? String(error);
  } finally {
    await context?.close().catch(() => {});
  }
  result.durationMs = Date.now() - started;
  return result;
}

// ---- reporting -------------------------------------------------------------------------------------------
const codes = (d: Decision | null | undefined): string =>
  !d ? '-' : d.level === 'failed' ? `failed: ${[...new Set(d.reasons.map((r) => (r.code === 'signal' ? `signal:${r.signal}` : r.action ? `${r.code}(${r.action})` : r.code)))].join(', ')}` : d.level + (d.flags?.length ? ` [flags ${d.flags.join(',')}]` : '');

function deviceSummary(r: RunResult): string {
  if (r.attempts.length === 0) {
    const last = r.steps[r.steps.length - 1]?.step ?? '?';
    return r.ending === 'timeout' ? `no recording (stuck at ${last})` : r.error ? `no recording (${r.error.code})` : 'no recording';
  }
  return r.attempts.map((a) => `#${a.attempt} ${codes(a.decision)}`).join('; ');
}
function serverSummary(r: RunResult): string {
  if (r.ending === 'not-run') return `not run: ${r.harnessError}`;
  if (r.ending === 'harness-error') return `HARNESS ERROR: ${r.harnessError?.split('\n')[0]}`;
  if (r.server?.stored) return `stored: ${r.server.level}`;
  if (r.server) return `refused: ${r.error?.serverCode ?? '?'}${r.server.reasons.length ? ` (${[...new Set(r.server.reasons.map((x) => x.code))].join(', ')})` : ''}${r.error?.message ? ` — ${r.error.message}` : ''}`;
  if (r.ending === 'timeout') return `rejected: timeout at ${r.steps[r.steps.length - 1]?.step ?? '?'}`;
  if (r.error?.code === 'liveness-failed') return 'not sent (liveness-failed on the device)';
  if (r.error) return `not sent (${r.error.code})`;
  return `not sent (ended at ${r.endedAt || r.ending})`;
}
function caseName(r: RunResult): string {
  return r.kind === 'genuine' ? 'genuine' : r.species!;
}
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
/** Two-sided 95 % Clopper–Pearson interval of k successes in n. */
function clopperPearson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const cdf = (p: number, upTo: number): number => {
    let sum = 0;
    let term = Math.pow(1 - p, n);
    for (let i = 0; i <= upTo; i++) {
      if (i > 0) term *= ((n - i + 1) / i) * (p / (1 - p));
      sum += term;
    }
    return sum;
  };
  const solve = (f: (p: number) => number): number => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (f(mid) > 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const upper = k === n ? 1 : solve((p) => cdf(p, k) - 0.025);
  const lower = k === 0 ? 0 : solve((p) => 0.025 - (1 - cdf(p, k - 1)));
  return [lower, upper];
}
function rate(k: number, n: number): string {
  if (n === 0) return 'n/a';
  const [lo, hi] = clopperPearson(k, n);
  return `${k}/${n} = ${((100 * k) / n).toFixed(0)} % (95 % CI ${(100 * lo).toFixed(0)}–${(100 * hi).toFixed(0)} %)`;
}
const fmt = (v: number | undefined | null, d = 2) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '-');
const signed = (v: number, d = 2) => `${v >= 0 ? '+' : ''}${fmt(v, d)}`;

function report(results: RunResult[]): string {
  const out: string[] = [];
  const rows = [['case', 'clip', 'attempts', 'on-device decision (per attempt)', 'server decision', 'accepted', 's']];
  for (const r of results) {
    rows.push([caseName(r), r.clip + (r.species === 'no-face' ? ' (no_face)' : ''), String(r.attempts.length), deviceSummary(r), serverSummary(r), r.accepted ? 'YES' : 'no', (r.durationMs / 1000).toFixed(0)]);
  }
  out.push(table(rows));

  const counted = results.filter((r) => r.ending !== 'not-run' && r.ending !== 'harness-error');
  const genuine = counted.filter((r) => r.kind === 'genuine');
  out.push('');
  out.push('Error rates (ISO/IEC 30107-3): a presentation is accepted when the server stored the submission.');
  out.push('  "session" = the whole session with the widget\'s own retries; "first attempt" = accepted on the first recording alone.');
  const rateRows = [['', 'presentations', 'per session', 'per attempt (first attempt alone)']];
  rateRows.push(['BPCER (genuine not accepted)', String(genuine.length), rate(genuine.filter((r) => !r.accepted).length, genuine.length), rate(genuine.filter((r) => !r.acceptedFirstAttempt).length, genuine.length)]);
  for (const clip of [...new Set(genuine.map((r) => r.clip))]) {
    const g = genuine.filter((r) => r.clip === clip);
    rateRows.push([`  BPCER ${clip}`, String(g.length), rate(g.filter((r) => !r.accepted).length, g.length), rate(g.filter((r) => !r.acceptedFirstAttempt).length, g.length)]);
  }
  let apcerMax = { name: '', share: -1, text: 'n/a' };
  for (const species of SPECIES_NAMES) {
    const a = counted.filter((r) => r.species === species);
    if (a.length === 0) continue;
    const k = a.filter((r) => r.accepted).length;
    rateRows.push([`APCER ${SPECIES[species].title}`, String(a.length), rate(k, a.length), rate(a.filter((r) => r.acceptedFirstAttempt).length, a.length)]);
    if (species !== 'deepfake' && k / a.length > apcerMax.share) apcerMax = { name: species, share: k / a.length, text: rate(k, a.length) };
  }
  out.push(table(rateRows));
  if (apcerMax.share >= 0) out.push(`APCER of the worst species the client can stop (ISO/IEC 30107-3 APCER_PAIS, deepfake left out): ${apcerMax.name}, ${apcerMax.text}`);
  const deepfake = counted.filter((r) => r.species === 'deepfake');
  if (deepfake.length) {
    out.push('The prompt-following deepfake behaves exactly like the genuine stand-in (it follows the prompts and reflects the colours), so a check on the');
    out.push('client cannot tell them apart; its APCER is the genuine acceptance rate by construction. Only checks outside this widget (e.g. a document');
    out.push('check, a human review, hardware attestation of the camera) can lower it.');
  }

  // Margins: what the decisions measured against their thresholds.
  out.push('');
  out.push('Margins (all attempts; on-device decision; colour = correlation of skin colour with the schedule, needs ≥ threshold and ≥ best reordered + 0.1):');
  const marginRows = [['case', 'clip', 'attempts', 'colour r (min/median/max)', 'vs threshold', 'best reordered (max)', 'lead − 0.1 (min)', 'lag ms', 'action peaks − thresholds (min per action)', 'signals triggered']];
  const groups = new Map<string, RunResult[]>();
  for (const r of counted) {
    const key = `${caseName(r)}|${r.clip}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, list] of groups) {
    const [name, clip] = key.split('|') as [string, string];
    const decisions = list.flatMap((r) => r.attempts.map((a) => a.decision));
    if (decisions.length === 0) {
      marginRows.push([name, clip, '0', '-', '-', '-', '-', '-', '-', '-']);
      continue;
    }
    const colours = decisions.map((d) => d.colour).filter((c): c is NonNullable<Decision['colour']> => !!c);
    const rs = colours.map((c) => c.correlation).sort((a, b) => a - b);
    const threshold = colours[0]?.threshold;
    const peaks = new Map<string, number>();
    for (const d of decisions) for (const a of d.actions ?? []) {
      const margin = a.peak - a.threshold;
      peaks.set(a.action, Math.min(peaks.get(a.action) ?? Infinity, margin));
    }
    const signals = new Map<string, number>();
    for (const d of decisions) for (const s of d.signals ?? []) if (s.triggered) signals.set(s.name, (signals.get(s.name) ?? 0) + 1);
    marginRows.push([
      name, clip, String(decisions.length),
      rs.length ? `${fmt(rs[0])}/${fmt(rs[rs.length >> 1])}/${fmt(rs[rs.length - 1])}` : '-',
      threshold !== undefined && rs.length ? `${rs[0]! - threshold >= 0 ? '+' : ''}${fmt(rs[0]! - threshold)} (≥ ${threshold})` : '-',
      colours.length ? fmt(Math.max(...colours.map((c) => c.shuffledMax))) : '-',
      colours.length ? signed(Math.min(...colours.map((c) => c.correlation - c.shuffledMax - 0.1))) : '-',
      colours.length ? [...new Set(colours.map((c) => c.lagMs))].sort((a, b) => a - b).join(',') : '-',
      [...peaks].map(([a, m]) => `${a} ${m >= 0 ? '+' : ''}${fmt(m, a === 'blink' || a === 'smile' ? 2 : 1)}`).join(', ') || '-',
      [...signals].map(([s, n]) => `${s}×${n}`).join(', ') || '-',
    ]);
  }
  out.push(table(marginRows));
  const missing = counted.filter((r) => r.errorEventMissing).length;
  if (missing) out.push(`\nNote: in ${missing} session(s) the widget ended in step "error" after its last failed attempt without firing face-verify-error; the code liveness-failed was inferred.`);
  const ticks = counted.map((r) => r.standIn?.['tickMeanMs']).filter((v): v is number => typeof v === 'number');
  if (ticks.length) out.push(`\nThe stand-in's own main-thread time per frame (screen reading and compositing): median ${fmt(ticks.sort((a, b) => a - b)[ticks.length >> 1])} ms over ${ticks.length} sessions (a real camera costs the page nothing).`);
  if (skipped.length) out.push(`\nClips left out (fewer than two action types, and not blinks only): ${skipped.map((c) => `${c.name} (${clipPool(c).join(', ') || 'no actions'})`).join('; ')}`);
  return out.join('\n');
}

// ---- main ----------------------------------------------------------------------------------------------------
let harnessBroken = false;
let interrupted = false;
const results: RunResult[] = [];
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.log(`\n${signal}: stopping after this run's browser closes (again to quit at once); partial results follow.`);
    void browser?.close().catch(() => {});
  });
}
try {
  console.log(
    `eval:liveness: ${evalClips.length} clip(s) (${evalClips.map((c) => `${c.name}: ${clipPool(c).join('/')}`).join('; ')}), ` +
      `${genuineCases.length} genuine run(s), ${attackCases.length} attack run(s) [${speciesWanted.join(', ') || 'none'}]; media ${mediaDir}`,
  );
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs(), headless: true, handleSIGINT: false, handleSIGTERM: false });
  const t0 = Date.now();
  for (const [i, c] of plan.entries()) {
    const r = await runCase(c);
    if (interrupted) {
      console.log(`[${String(i + 1).padStart(2)}/${plan.length}] ${c.id}: interrupted, not counted`);
      break;
    }
    results.push(r);
    if (r.ending === 'harness-error') harnessBroken = true;
    const elapsed = ((Date.now() - t0) / 60_000).toFixed(1);
    console.log(`[${String(i + 1).padStart(2)}/${plan.length}] ${c.id.padEnd(30)} ${r.accepted ? 'ACCEPTED' : 'rejected'}  device: ${deviceSummary(r)}  server: ${serverSummary(r)}  (${(r.durationMs / 1000).toFixed(0)} s; ${elapsed} min)`);
    if (args.dump) {
      await mkdir(args.dump, { recursive: true });
      const { standIn, ...rest } = r;
      const slim = standIn ? { ...standIn, recordings: undefined } : null;
      await writeFile(join(args.dump, `${c.id.replaceAll('/', '_')}.json`), JSON.stringify({ ...rest, standIn: slim }, null, 2));
    }
  }
  console.log('');
  console.log(report(results));
  if (args.json) {
    await mkdir(dirname(resolve(args.json)), { recursive: true });
    const slim = results.map((r) => ({ ...r, standIn: r.standIn ? { ...r.standIn, recordings: undefined } : null }));
    await writeFile(args.json, JSON.stringify({ v: 1, segments: segmentsPath, media: mediaDir, runs: RUNS, attackRuns: ATTACK_RUNS, results: slim }, null, 2));
    console.log(`\nwrote ${args.json}`);
  }
} catch (error) {
  harnessBroken = true;
  console.error('eval:liveness: the harness broke:', (error as Error)?.stack ?? error);
} finally {
  await browser?.close().catch(() => {});
  for (const app of apps.values()) await app.close().catch(() => {});
  await rm(tmpRoot, { recursive: true, force: true }).catch(() => {});
}
if (harnessBroken) {
  for (const app of apps.values()) if (app.log.length) console.error(`demo log:\n  ${app.log.slice(-20).join('\n  ')}`);
}
process.exit(harnessBroken ? 2 : interrupted ? 130 : 0);

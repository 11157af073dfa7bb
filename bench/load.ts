/**
 * The demo backend under load, on loopback only: N simulated widgets at once, each playing the real
 * protocol over HTTP against the unchanged demo app (bench/load-server.ts, a child process on
 * 127.0.0.1 with a fresh PGlite folder under .cache/bench-load): session → challenge → an honest
 * sealed submission made with the real crypto (WebCrypto P-256 attestation key, HPKE, the synthetic
 * person of test/fixtures/live-trace.ts doing the script) → multipart POST → receipt.
 *
 *   npm run bench:load [-- --widgets 8 --seconds 20 --clip-bytes 250000]
 *
 * Sealing and the multipart body are the client's cost, so each submission is made before the timed
 * part; only the submit requests are timed. A short warm-up (its throughput sizes the prepared pool,
 * 2.5 times what the run would need at that rate) runs first. A recording takes as long as its script, so
 * submissions are sent only once the server's clock says each could have ended (README "Verification
 * order"): the bench waits for that in real time rather than moving a clock.
 *
 * Prints: verified per second and per core (os.availableParallelism), the server's CPU time per
 * verification, p50/p95/max of the submit request, errors by code, the server's RSS and heap (after
 * a full GC) at start and end, and the ratios of those.
 *
 * Rate limits: each simulated person (one session) connects from its own loopback address
 * (127.10.x.y), as people on their own devices would, so a limit per client address sees one person
 * each and never trips on honest traffic. A limit on the whole server would have to be turned off in
 * bench/load-server.ts's createDemoApp options; the bench names any refusal under "errors".
 */
import { fork, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeJwt } from 'jose';
import { createAttestationKey } from '../src/crypto/attestation-key.js';
import type { ChallengeClaims, SessionResponse } from '../src/shared/wire.js';
import { IDEMPOTENCY_HEADER } from '../src/shared/wire.js';
import { uploadBody } from '../src/transport/upload.js';
import { answersColourCheck } from '../test/fixtures/live-trace.js';
import { buildSubmission, fakeWebm } from '../test/unit/server/helpers.js';
import type { ServerMessage, ServerUsage } from './load-server.js';

const { values } = parseArgs({
  options: {
    widgets: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '20' },
    // A real 5-s clip is 127–330 KB (README "Measured"); the server hashes and opens all of it.
    'clip-bytes': { type: 'string', default: '250000' },
  },
});
const widgets = Number(values.widgets);
const seconds = Number(values.seconds);
const clipBytes = Number(values['clip-bytes']);
if (!(Number.isInteger(widgets) && widgets >= 1 && widgets <= 1000)) throw new Error(`--widgets: a whole number 1…1000, not ${values.widgets}`);
if (!(seconds > 0 && seconds <= 600)) throw new Error(`--seconds: 0 < S ≤ 600, not ${values.seconds}`);
if (!(Number.isInteger(clipBytes) && clipBytes >= 1024)) throw new Error(`--clip-bytes: a whole number ≥ 1024, not ${values['clip-bytes']}`);

const dir = fileURLToPath(new URL('../.cache/bench-load/', import.meta.url));
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });

const child = fork(fileURLToPath(new URL('./load-server.ts', import.meta.url)), [dir], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
function reply<K extends 'port' | 'usage'>(from: ChildProcess, key: K): Promise<Extract<ServerMessage, Record<K, unknown>>[K]> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      if (key in message) {
        from.off('message', onMessage);
        from.off('exit', onExit);
        resolve((message as unknown as Record<K, never>)[key]);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`bench/load-server.ts exited (${code}) before sending ${key}`));
    from.on('message', onMessage);
    from.once('exit', onExit);
  });
}
async function usage(): Promise<ServerUsage> {
  const answer = reply(child, 'usage');
  child.send('usage');
  return answer;
}
const port = await reply(child, 'port');
// The machine may be shared: its load when the run began is printed with the figures.
const loadAtStart = loadavg()[0]!;
const atStart = await usage();

let people = 0;
/** A loopback address of its own for each simulated person (127.10.0.1, 127.10.0.2, …). */
function nextAddress(): string {
  const n = ++people;
  return `127.10.${(n >> 8) & 255}.${n & 255}`;
}

interface Answer {
  status: number;
  body: unknown;
}
/** One request on a connection of its own from `localAddress`, as a person's device would open it. */
function send(localAddress: string, path: string, headers: Record<string, string | number>, body: Uint8Array | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, localAddress, path, method: 'POST', agent: false, headers: { accept: 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: kept as text, reported by status.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
async function postJson<T>(localAddress: string, path: string, value: unknown): Promise<T> {
  const answer = await send(localAddress, path, { 'content-type': 'application/json' }, JSON.stringify(value));
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/** A person's upload, ready to send: the multipart bytes the browser would write, and when it may go. */
interface Prepared {
  localAddress: string;
  body: Uint8Array;
  contentType: string;
  idempotencyKey: string;
  /** Server time (ms) from which the recording it claims could have ended. */
  sendableAt: number;
}

async function prepare(): Promise<Prepared> {
  const localAddress = nextAddress();
  for (let draw = 1; ; draw++) {
    const session = await postJson<SessionResponse>(localAddress, '/api/face-verify/session', {});
    const key = await createAttestationKey();
    const { challenge: token } = await postJson<{ challenge: string }>(localAddress, '/api/face-verify/challenge', { session: session.session, jkt: key.thumbprint });
    const challenge = decodeJwt(token) as unknown as ChallengeClaims;
    // The synthetic face cannot answer about 1 colour schedule in 3,000 (as in the test helpers):
    // a person who failed would not be a verification to count, so this one takes a new challenge.
    if (draw < 5 && !answersColourCheck(challenge.liveness)) continue;
    const sub = await buildSubmission({ key, session, token, challenge }, { payload: fakeWebm(clipBytes), keepClock: true });
    const form = new Response(uploadBody(sub));
    return {
      localAddress,
      body: new Uint8Array(await form.arrayBuffer()),
      contentType: form.headers.get('content-type')!,
      idempotencyKey: sub.idempotencyKey,
      sendableAt: challenge.iat * 1000 + sub.claims.capture.startedAfterMs + sub.claims.capture.durationMs,
    };
  }
}

/** Runs `count` preparations, `widgets` at a time. */
async function preparePool(count: number): Promise<Prepared[]> {
  const pool: Prepared[] = [];
  let claimed = 0;
  await Promise.all(Array.from({ length: widgets }, async () => {
    while (claimed++ < count) pool.push(await prepare());
  }));
  return pool;
}

/** Waits until every prepared recording could have ended on the server's clock (the server is on Date.now). */
async function untilSendable(pool: Prepared[]): Promise<void> {
  const latest = Math.max(...pool.map((p) => p.sendableAt));
  if (latest > Date.now()) await sleep(latest - Date.now() + 250);
}

interface Outcome {
  ms: number;
  /** 'ok' (a receipt), the typed error code, or how the request failed. */
  code: string;
}
async function submit(p: Prepared): Promise<Outcome> {
  const started = performance.now();
  let code: string;
  try {
    const answer = await send(p.localAddress, '/api/face-verify/submit', { 'content-type': p.contentType, [IDEMPOTENCY_HEADER]: p.idempotencyKey }, p.body);
    const body = answer.body as { receiptId?: string; code?: string } | null;
    code = answer.status === 200 && typeof body?.receiptId === 'string' ? 'ok' : (body?.code ?? `http-${answer.status}`);
  } catch (error) {
    code = `network-${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  return { ms: performance.now() - started, code };
}

/** The widgets send from `pool` until it is empty or `untilMs` (performance.now) has passed. */
async function run(pool: Prepared[], untilMs: number): Promise<{ outcomes: Outcome[]; elapsedMs: number; drained: boolean }> {
  const outcomes: Outcome[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: widgets }, async () => {
    for (let p = pool.pop(); p; p = pool.pop()) {
      outcomes.push(await submit(p));
      if (performance.now() >= untilMs) break;
    }
  }));
  return { outcomes, elapsedMs: performance.now() - started, drained: pool.length === 0 };
}

// Warm-up: JIT, PGlite's caches and the first connections. Its rate sizes the timed run's pool,
// with room to spare: a warm server is faster than the warm-up, and a drained pool ends the run early.
const warm = await preparePool(Math.max(16, 4 * widgets));
await untilSendable(warm);
const warmed = await run(warm, Infinity);
const warmRate = warmed.outcomes.filter((o) => o.code === 'ok').length / (warmed.elapsedMs / 1000);

const pool = await preparePool(Math.ceil(Math.max(warmRate, 1) * seconds * 2.5) + 2 * widgets);
const prepared = pool.length;
await untilSendable(pool);
const cpuBefore = (await usage()).cpuMs;
const timed = await run(pool, performance.now() + seconds * 1000);
const atEnd = await usage();

const closed = new Promise((done) => child.once('exit', done));
child.send('close');
await closed;
await rm(dir, { recursive: true, force: true });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const verified = timed.outcomes.filter((o) => o.code === 'ok').length;
const elapsedS = timed.elapsedMs / 1000;
const cores = availableParallelism();
const perSecond = verified / elapsedS;
const latencies = timed.outcomes.map((o) => o.ms).sort((a, b) => a - b);
const [p50, p95, max] = [percentile(latencies, 0.5), percentile(latencies, 0.95), latencies.at(-1)!];
const errors = new Map<string, number>();
for (const o of timed.outcomes) if (o.code !== 'ok') errors.set(o.code, (errors.get(o.code) ?? 0) + 1);
const failed = timed.outcomes.length - verified;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const serverCpuMs = atEnd.cpuMs - cpuBefore;

console.log(`load: ${widgets} widgets, ${seconds} s, ${clipBytes}-byte clips, demo backend (PGlite) in a child process on 127.0.0.1, ${cores} cores shared with the load generator; 1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`);
console.log(`verified: ${verified} in ${elapsedS.toFixed(1)} s = ${perSecond.toFixed(1)}/s, ${(perSecond / cores).toFixed(1)}/s per core; server CPU ${(serverCpuMs / Math.max(verified, 1)).toFixed(1)} ms per verification (${(serverCpuMs / timed.elapsedMs).toFixed(2)} cores busy)${timed.drained ? ` (all ${prepared} prepared were sent before ${seconds} s)` : ''}`);
console.log(`submit latency: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${max.toFixed(0)} ms`);
console.log(`errors: ${failed} of ${timed.outcomes.length} (${((100 * failed) / Math.max(timed.outcomes.length, 1)).toFixed(2)} %)${errors.size ? `: ${[...errors].map(([code, n]) => `${code} ${n}`).join(', ')}` : ''}`);
console.log(`server memory (after a full GC): rss ${mb(atStart.rss)} → ${mb(atEnd.rss)}, heap ${mb(atStart.heapUsed)} → ${mb(atEnd.heapUsed)}`);
console.log(`ratio: p95/p50 ${(p95 / p50).toFixed(2)}, rss end/start ${(atEnd.rss / atStart.rss).toFixed(2)}, heap end/start ${(atEnd.heapUsed / atStart.heapUsed).toFixed(2)}`);
process.exit(failed > 0 ? 1 : 0);

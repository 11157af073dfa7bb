// A real face-verify backend for the browser tests, mounted in web-test-runner's dev server:
// the element under test talks to the actual server library on an in-memory PGlite, exactly as a
// host's backend would. Routes under /fv-api/<variant>/ let a test pick a broken backend.
import { register } from 'tsx/esm/api';

register();
const { FaceVerifyServer, FaceVerifyError, generateOperatorKey, generateSigningKey, errorToResponse, readJsonBody } =
  await import('../../src/server/index.ts');

const { validManifest } = await import('../fixtures/manifest.ts');
const manifest = validManifest();

const servers = new Map();
/**
 * One server per configuration: `short-capture` variants get a 10-s capture window (the minimum);
 * `embedding` variants run the zero-upload mode (a template, no clip).
 */
function server(kind = 'ok') {
  const config = kind === 'short-capture' || kind === 'embedding' ? kind : 'default';
  if (!servers.has(config)) {
    servers.set(config, (async () =>
      FaceVerifyServer.open({
        database: { dataDir: 'memory://' },
        signingKey: await generateSigningKey(),
        operatorKeys: [generateOperatorKey('browser-tests').privateJwk],
        manifest: config === 'embedding' ? { ...manifest, mode: 'embedding' } : manifest,
        issuer: 'browser-tests',
        challengeUrl: 'challenge',
        submitUrl: 'submit',
        // Short scripts keep each recording to about 7 s: one movement the stand-in's clip (katiehill)
        // performs, and the 8 colours. The liveness rules are the same; only the script is shorter.
        liveness: { actions: ['turn-left', 'turn-right', 'look-up'], actionCount: [1, 1] },
        ...(config === 'short-capture' ? { captureWindowSeconds: 10 } : {}),
      }))());
  }
  return servers.get(config);
}

function json(ctx, status, body) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
}

/** What the backend saw, per variant, for tests that assert on requests: GET /fv-api/<variant>/log. */
const log = new Map();
function record(variant, entry) {
  if (!log.has(variant)) log.set(variant, []);
  log.get(variant).push(entry);
}

/** Session ids issued per variant, so GET /fv-api/<variant>/count counts only that variant's submissions. */
const sessionsOf = new Map();
/** How many requests each variant has seen per route (for "the first one only" variants). */
const seen = new Map();
function nth(variant, route) {
  const key = `${variant}/${route}`;
  seen.set(key, (seen.get(key) ?? 0) + 1);
  return seen.get(key);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Koa middleware: /fv-api/<variant>/(session|challenge|submit|log|count). Variants (a `--tag` suffix
 * gives a test its own log and counters) other than `ok`:
 * down (503 everywhere), bad-manifest, no-manifest, slow-session (answers after 3 s), slow-submit
 * (waits 3 s before reading an upload), store-then-503 (stores the first upload but answers 503 to the first three requests: one Send's attempts),
 * expire-first-session (the first challenge request answers session-expired), notice-changed (the
 * challenge answers consent-invalid, and every session after the first shows a changed notice),
 * short-capture (challenges with a 10-s capture window), store-then-slow (stores the first upload,
 * then answers it only after 4 s, so a Cancel in between leaves it stored but unanswered),
 * hang-first-submit (never reads the first upload: it waits until the client gives up, storing nothing),
 * embedding (the zero-upload mode; the log's `verified` entries say what each accepted upload held).
 */
export async function testBackend(ctx, next) {
  const match = /^\/fv-api\/([a-z0-9-]+)\/(session|challenge|submit|log|count)$/.exec(ctx.path);
  if (!match) return next();
  const [, variant, route] = match;
  // "<kind>--<tag>" behaves as <kind> with its own log, counters and sessions (one per test).
  const kind = variant.split('--')[0];
  if (route === 'log') return json(ctx, 200, log.get(variant) ?? []);
  try {
    if (route === 'count') {
      const ids = sessionsOf.get(variant) ?? new Set();
      const stored = (await (await server(kind)).listSubmissions()).filter((s) => ids.has(s.sessionId));
      return json(ctx, 200, { stored: stored.length, receiptIds: stored.map((s) => s.receiptId) });
    }
    record(variant, { route, headers: ctx.req.headers });
    if (kind === 'down') return json(ctx, 503, { error: { code: 'unavailable', message: 'Maintenance.' } });
    const fv = await server(kind);
    const n = nth(variant, route);
    if (route === 'session') {
      if (kind === 'slow-session') await sleep(3000);
      const session = await fv.createSession();
      if (!sessionsOf.has(variant)) sessionsOf.set(variant, new Set());
      sessionsOf.get(variant).add(session.sessionId);
      if (kind === 'bad-manifest') session.manifest = { ...session.manifest, retention: undefined, alternative: undefined };
      if (kind === 'no-manifest') delete session.manifest;
      if (kind === 'notice-changed' && n > 1) session.manifest = { ...session.manifest, version: '2', purpose: `${session.manifest.purpose} (updated)` };
      return json(ctx, 200, session);
    }
    if (route === 'challenge') {
      const body = await readJsonBody(ctx.req);
      if (kind === 'expire-first-session' && n === 1) throw new FaceVerifyError('session-expired', 'createChallenge: the session token has expired (test variant)');
      if (kind === 'notice-changed') throw new FaceVerifyError('consent-invalid', 'createChallenge: the notice changed (test variant)');
      return json(ctx, 200, await fv.createChallenge({ session: body.session, jkt: body.jkt, ...(body.path ? { path: body.path } : {}) }));
    }
    if (kind === 'slow-submit') await sleep(3000);
    if (kind === 'hang-first-submit' && n === 1) {
      await new Promise((r) => ctx.req.once('close', r));
      return json(ctx, 503, { error: { code: 'unavailable', message: 'Never read (test variant).' } });
    }
    const { receipt, payload, claims, matches, replayed } = await fv.receiveSubmission(ctx.req);
    record(variant, { route: 'verified', mode: receipt.mode, payloadType: claims.payload.type, payloadBytes: payload.length, matches, replayed });
    if (kind === 'store-then-503' && n <= 3) return json(ctx, 503, { error: { code: 'unavailable', message: 'Stored, but the answer was lost (test variant).' } });
    if (kind === 'store-then-slow' && n === 1) await sleep(4000);
    return json(ctx, 200, receipt);
  } catch (error) {
    const { status, body } = errorToResponse(error);
    return json(ctx, status, body);
  }
}

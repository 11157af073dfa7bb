// A real face-verify backend for the browser tests, mounted in web-test-runner's dev server:
// the element under test talks to the actual server library on an in-memory PGlite, exactly as a
// host's backend would. Routes under /fv-api/<variant>/ let a test pick a broken backend.
import { register } from 'tsx/esm/api';

register();
const { FaceVerifyServer, generateOperatorKey, generateSigningKey, errorToResponse, readJsonBody } =
  await import('../../src/server/index.ts');

const { validManifest } = await import('../fixtures/manifest.ts');
const manifest = validManifest();

let serverPromise = null;
function server() {
  serverPromise ??= (async () =>
    FaceVerifyServer.open({
      database: { dataDir: 'memory://' },
      signingKey: await generateSigningKey(),
      operatorKeys: [generateOperatorKey('browser-tests').privateJwk],
      manifest,
      issuer: 'browser-tests',
      challengeUrl: 'challenge',
      submitUrl: 'submit',
    }))();
  return serverPromise;
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

/** Koa middleware: /fv-api/<variant>/(session|challenge|submit|log). */
export async function testBackend(ctx, next) {
  const match = /^\/fv-api\/([a-z0-9-]+)\/(session|challenge|submit|log)$/.exec(ctx.path);
  if (!match) return next();
  const [, variant, route] = match;
  if (route === 'log') return json(ctx, 200, log.get(variant) ?? []);
  try {
    record(variant, { route, headers: ctx.req.headers });
    if (variant === 'down') return json(ctx, 503, { error: { code: 'unavailable', message: 'Maintenance.' } });
    const fv = await server();
    if (route === 'session') {
      const session = await fv.createSession();
      if (variant === 'bad-manifest') session.manifest = { ...session.manifest, retention: undefined, alternative: undefined };
      if (variant === 'no-manifest') delete session.manifest;
      return json(ctx, 200, session);
    }
    if (route === 'challenge') {
      const body = await readJsonBody(ctx.req);
      return json(ctx, 200, await fv.createChallenge({ session: body.session, jkt: body.jkt }));
    }
    const { receipt } = await fv.receiveSubmission(ctx.req);
    return json(ctx, 200, receipt);
  } catch (error) {
    const { status, body } = errorToResponse(error);
    return json(ctx, status, body);
  }
}

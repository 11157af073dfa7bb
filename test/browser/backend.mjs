// A real face-verify backend for the browser tests, mounted in web-test-runner's dev server:
// the element under test talks to the actual server library on an in-memory PGlite, exactly as a
// host's backend would. Routes under /fv-api/<variant>/ let a test pick a broken backend.
import { register } from 'tsx/esm/api';

register();
const { FaceVerifyServer, generateOperatorKey, generateSigningKey, errorToResponse, readBody, readSubmission } =
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
      submitUrl: 'submit',
    }))();
  return serverPromise;
}

function json(ctx, status, body) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
}

/** Koa middleware: /fv-api/<variant>/session and /fv-api/<variant>/submit. */
export async function testBackend(ctx, next) {
  const match = /^\/fv-api\/([a-z-]+)\/(session|submit)$/.exec(ctx.path);
  if (!match || ctx.method !== 'POST') return next();
  const [, variant, route] = match;
  try {
    if (variant === 'down') return json(ctx, 503, { error: { code: 'unavailable', message: 'Maintenance.' } });
    const fv = await server();
    const body = await readBody(ctx.req, 20 * 1024 * 1024);
    if (route === 'session') {
      const session = await fv.createSession({ jkt: JSON.parse(Buffer.from(body).toString('utf8')).jkt });
      if (variant === 'bad-manifest') session.manifest = { ...session.manifest, retention: undefined, alternative: undefined };
      if (variant === 'no-manifest') delete session.manifest;
      return json(ctx, 200, session);
    }
    const { receipt } = await fv.verifySubmission(readSubmission(ctx.req.headers, body));
    return json(ctx, 200, receipt);
  } catch (error) {
    const { status, body } = errorToResponse(error);
    return json(ctx, status, body);
  }
}

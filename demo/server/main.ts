/**
 * `npm run demo`: builds, then serves the demo marketplace and prints its URLs. Environment: PORT
 * (8787), HOST (127.0.0.1), DEMO_DATA_DIR (demo/.data), DEMO_KEY_FILE (demo/.secrets/face-verify-keys.json,
 * or `<DEMO_DATA_DIR>-secrets/keys.json` when only DEMO_DATA_DIR is set), OPERATOR_KEY (random),
 * DEMO_LIVENESS_ACTIONS (a comma-separated action pool, e.g. `turn-left,turn-right,look-up`; default
 * face-verify's own), DATABASE_URL (a PostgreSQL server with pgvector instead of the embedded PGlite),
 * DEMO_MODE (`clip`, the default, or `embedding`: the zero-upload mode), DEMO_RATE_LIMITS (`off` turns
 * face-verify's per-client and per-session rate limits off, for load tests from one address).
 */
import { VERIFICATION_MODES, type LivenessAction, type VerificationMode } from '../../src/server/index.js';
import { createDemoApp } from './app.js';
import { demoPaths } from './paths.js';

const host = process.env['HOST'] ?? '127.0.0.1';
const port = Number(process.env['PORT'] ?? 8787);
const { dataDir, keyFile } = demoPaths(process.env);
const mode = (process.env['DEMO_MODE'] || 'clip') as VerificationMode;
if (!VERIFICATION_MODES.includes(mode)) {
  console.error(`DEMO_MODE=${mode} is not a mode: use ${VERIFICATION_MODES.join(' or ')}.`);
  process.exit(1);
}

const app = await createDemoApp({
  dataDir,
  keyFile,
  mode,
  ...(process.env['OPERATOR_KEY'] ? { operatorKey: process.env['OPERATOR_KEY'] } : {}),
  ...(process.env['DATABASE_URL'] ? { databaseUrl: process.env['DATABASE_URL'] } : {}),
  ...(process.env['DEMO_RATE_LIMITS'] === 'off' ? { rateLimits: false as const } : {}),
  // face-verify refuses an unknown action at start-up, naming it.
  ...(process.env['DEMO_LIVENESS_ACTIONS'] ? { liveness: { actions: process.env['DEMO_LIVENESS_ACTIONS'].split(',') as LivenessAction[] } } : {}),
});
app.server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port.` : error);
  process.exit(1);
});
app.server.listen(port, host, () => {
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  console.log(`Makers' Market demo, ${mode} mode (data in ${process.env['DATABASE_URL'] ? 'PostgreSQL at DATABASE_URL' : dataDir}, keys in ${keyFile})`);
  console.log(`  Seller signup:  ${origin}/`);
  console.log(`  Operator page:  ${origin}/operator  (sign in with the operator key)`);
  console.log('  Operator key:');
  console.log(app.operatorKey);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}

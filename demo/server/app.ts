/**
 * The demo marketplace's backend on node:http, built on `face-verify/server`: it wires the parts in
 * this folder together and owns their lifetimes. Each part does one job:
 *
 * - routes/face-verify.ts — session, challenge and upload endpoints (rate-limited per client: client-key.ts)
 * - routes/signup.ts      — one receipt opens one shop, from the browser that did the check
 * - routes/operator.ts    — operator sign-in/out, submissions, clips (audited), audit tail
 * - routes/erase.ts       — the seller's erasure link
 * - routes/pages.ts       — pages, scripts and the built widget
 * - router.ts, respond.ts, demo-error.ts, same-origin.ts — routing, answers, errors, CSRF guard
 * - security-headers.ts, compression.ts, static.ts, cookies.ts — the HTTP edge
 * - session-binding.ts, operator-auth.ts, operator-sessions.ts — who is asking
 * - audit-log.ts, used-receipts.ts, retention.ts, private-files.ts, paths.ts — what is kept on disk
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { FaceVerifyServer, loadOrCreateKeyFile, openPGlite, openPostgres, type LivenessOptions, type RateLimitOptions, type SqlDatabase, type VerificationMode } from '../../src/server/index.js';
import { AuditLog } from './audit-log.js';
import { DemoError, errorAnswer } from './demo-error.js';
import { demoManifestFor } from './manifest.js';
import { OperatorSessions } from './operator-sessions.js';
import { demoSecretFile } from './paths.js';
import { ensurePrivateDir, loadOrCreateSecret } from './private-files.js';
import { sendJson } from './respond.js';
import { startRetention, PURGE_INTERVAL_MS } from './retention.js';
import { match, type Route } from './router.js';
import { eraseRoutes } from './routes/erase.js';
import { CHALLENGE_URL, faceVerifyRoutes, SUBMIT_URL } from './routes/face-verify.js';
import { operatorRoutes } from './routes/operator.js';
import { pageRoutes } from './routes/pages.js';
import { signupRoutes } from './routes/signup.js';
import { checkSameOrigin } from './same-origin.js';
import { applySecurityHeaders } from './security-headers.js';
import { SessionBinding } from './session-binding.js';
import { StaticFiles } from './static.js';
import { UsedReceipts } from './used-receipts.js';

export interface DemoOptions {
  /** The data folder (made 0700): PGlite in `pglite/`, `audit.log`, `used-receipts.jsonl`. */
  dataDir: string;
  /**
   * The face-verify key file, outside `dataDir` (refused inside it). Default
   * `<dataDir>-secrets/keys.json`. The cookie secret is kept next to it (`demo-cookie-secret`).
   */
  keyFile?: string;
  /** The operator key (sign-in and Bearer); random when not given. */
  operatorKey?: string;
  /** Clock in Unix ms, for face-verify and the demo's own timestamps (tests). */
  now?: () => number;
  /** Where start-up, retention and failure lines go (default console.log). */
  log?: (line: string) => void;
  /** Between retention purges (default hourly). */
  purgeIntervalMs?: number;
  /** The face-verify liveness policy (actions, colours, thresholds, signals); defaults otherwise. */
  liveness?: LivenessOptions;
  /**
   * A PostgreSQL server (with pgvector) to store in instead of the embedded PGlite in `dataDir`,
   * e.g. `DATABASE_URL`.
   */
  databaseUrl?: string;
  /**
   * `'clip'` (default): the seller sends a sealed 5-s clip. `'embedding'`: the zero-upload mode, a
   * sealed face template and no image; the operator page then lists look-alike accounts.
   */
  mode?: VerificationMode;
  /** face-verify's rate limits (sessions and refused uploads per client and session); its defaults otherwise. */
  rateLimits?: RateLimitOptions | false;
}

export interface DemoApp {
  server: Server;
  faceVerify: FaceVerifyServer;
  /** The database face-verify stores in (the demo opens it and closes it). */
  database: SqlDatabase;
  operatorKey: string;
  dataDir: string;
  keyFile: string;
  auditLogPath: string;
  close(): Promise<void>;
}

export async function createDemoApp(options: DemoOptions): Promise<DemoApp> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  const dataDir = resolve(options.dataDir);
  const keyFile = resolve(options.keyFile ?? `${dataDir}-secrets/keys.json`);

  await ensurePrivateDir(dataDir);
  const keys = await loadOrCreateKeyFile(keyFile, { dataDir });
  const binding = new SessionBinding(await loadOrCreateSecret(demoSecretFile(keyFile)));
  const audit = await AuditLog.open(join(dataDir, 'audit.log'));
  const usedReceipts = await UsedReceipts.open(join(dataDir, 'used-receipts.jsonl'));

  const database = options.databaseUrl ? await openPostgres({ connectionString: options.databaseUrl }) : await openPGlite(join(dataDir, 'pglite'));
  let faceVerify: FaceVerifyServer;
  try {
    faceVerify = await FaceVerifyServer.open({
      database,
      signingKey: keys.signing,
      operatorKeys: keys.operator,
      manifest: demoManifestFor(options.mode ?? 'clip'),
      issuer: 'makers-market-demo',
      challengeUrl: CHALLENGE_URL,
      submitUrl: SUBMIT_URL,
      ...(options.now ? { now: options.now } : {}),
      ...(options.liveness ? { liveness: options.liveness } : {}),
      ...(options.rateLimits !== undefined ? { rateLimits: options.rateLimits } : {}),
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const stopRetention = await startRetention(faceVerify, log, options.purgeIntervalMs ?? PURGE_INTERVAL_MS);

  const operatorKey = options.operatorKey ?? randomBytes(12).toString('base64url');
  const routes: Route[] = [
    ...faceVerifyRoutes(faceVerify, binding),
    ...signupRoutes({ faceVerify, binding, usedReceipts, now }),
    ...eraseRoutes(faceVerify, audit),
    ...operatorRoutes({ faceVerify, operatorKey, sessions: new OperatorSessions(now), audit, now }),
    ...pageRoutes(new StaticFiles()),
  ];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
    try {
      const found = match(routes, method, url.pathname);
      if (!found) throw new DemoError(404, 'not-found', `No route for ${method} ${url.pathname}.`);
      // State-changing requests from another site are refused before their body is read.
      if (method === 'POST') checkSameOrigin(req);
      await found.handler({ req, res, url, params: found.params, ip: req.socket.remoteAddress ?? '' });
    } catch (error) {
      const { status, body, headers } = errorAnswer(error);
      if (status >= 500) log(`${method} ${url.pathname} failed: ${(error as Error)?.stack ?? String(error)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A refused request's connection is not reused; see the 'finish' handler for its body.
      await sendJson(req, res, status, body, { ...headers, connection: 'close' });
    }
  }

  const server = createServer((req, res) => {
    applySecurityHeaders(res);
    // A body the route did not read to its end (a refused upload) is never read on: node:http
    // would otherwise drain it to keep the connection alive.
    res.on('finish', () => {
      if (!req.complete) req.destroy();
    });
    handle(req, res).catch(() => res.destroy());
  });

  let closing: Promise<void> | undefined;
  return {
    server,
    faceVerify,
    database,
    operatorKey,
    dataDir,
    keyFile,
    auditLogPath: audit.path,
    close() {
      closing ??= (async () => {
        stopRetention();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeIdleConnections();
        });
        await faceVerify.close();
        await database.close();
      })();
      return closing;
    },
  };
}

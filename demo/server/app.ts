/**
 * The demo marketplace's backend: its pages, the two endpoints the widget talks to (built on
 * `face-verify/server`), an erasure page for sellers and an operator page for the trust team.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorToResponse, FaceVerifyServer, isFaceVerifyError, loadOrCreateKeyFile, readBody, readSubmission } from '../../src/server/index.js';
import { demoManifest } from './manifest.js';
import { serveFile } from './static.js';

const here = dirname(fileURLToPath(import.meta.url));
const SITE = resolve(here, '../site');
const DIST = resolve(here, '../../dist');

/** A strict policy: no inline script or style, nothing from another origin; wasm may compile. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; worker-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(self), microphone=()',
  'cross-origin-opener-policy': 'same-origin',
};

export interface DemoOptions {
  dataDir: string;
  /** Secret in the operator page's URL; random when not given. */
  operatorKey?: string;
}

export interface DemoApp {
  server: Server;
  faceVerify: FaceVerifyServer;
  operatorKey: string;
  close(): Promise<void>;
}

/** JSON bodies of the demo's own forms are small; 64 KiB is plenty. */
const MAX_JSON_BYTES = 64 * 1024;

async function readJson<T>(req: IncomingMessage): Promise<Partial<T>> {
  const text = Buffer.from(await readBody(req, MAX_JSON_BYTES)).toString('utf8');
  return (text ? JSON.parse(text) : {}) as Partial<T>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, error: unknown): void {
  const { status, body } = errorToResponse(error);
  if (status >= 500) console.error(error);
  sendJson(res, status, body);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function createDemoApp(options: DemoOptions): Promise<DemoApp> {
  mkdirSync(options.dataDir, { recursive: true });
  const keys = await loadOrCreateKeyFile(join(options.dataDir, 'keys.json'));
  const faceVerify = await FaceVerifyServer.open({
    database: { dataDir: join(options.dataDir, 'pglite') },
    signingKey: keys.signing,
    operatorKeys: keys.operator,
    manifest: demoManifest,
    issuer: 'makers-market-demo',
    submitUrl: '/api/face-verify/submit',
  });
  const operatorKey = options.operatorKey ?? randomBytes(12).toString('base64url');
  const signups = new Map<string, { shop: string; receiptId: string }>();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (method === 'POST' && path === '/api/face-verify/session') {
      const body = await readJson<{ jkt: string }>(req);
      return sendJson(res, 200, await faceVerify.createSession({ jkt: body.jkt as string }));
    }
    if (method === 'POST' && path === '/api/face-verify/submit') {
      const submission = readSubmission(req.headers, await readBody(req));
      const { receipt } = await faceVerify.verifySubmission(submission);
      return sendJson(res, 200, receipt);
    }
    if (method === 'POST' && path === '/api/erase') {
      const body = await readJson<{ receipt: string; token: string }>(req);
      return sendJson(res, 200, await faceVerify.eraseSubmission(String(body.receipt ?? ''), String(body.token ?? '')));
    }
    if (method === 'POST' && path === '/api/signup') {
      const body = await readJson<{ shop: string; receiptId: string }>(req);
      const known = await faceVerify.getReceipt(String(body.receiptId ?? '')).then(
        () => true,
        (error: unknown) => (isFaceVerifyError(error) ? false : Promise.reject(error)),
      );
      if (!body.shop || !known) {
        return sendJson(res, 422, { error: { code: 'signup-invalid', message: 'A shop name and a face-check receipt are required.' } });
      }
      signups.set(body.receiptId!, { shop: body.shop, receiptId: body.receiptId! });
      return sendJson(res, 200, { ok: true, shop: body.shop });
    }
    if (path.startsWith('/api/operator/')) {
      if (!sameSecret(url.searchParams.get('key') ?? '', operatorKey)) {
        return sendJson(res, 403, { error: { code: 'forbidden', message: 'The operator key is missing or wrong.' } });
      }
      if (method === 'GET' && path === '/api/operator/submissions') {
        return sendJson(res, 200, await faceVerify.listSubmissions());
      }
      const clip = path.match(/^\/api\/operator\/submissions\/([A-Za-z0-9_-]+)\/clip$/);
      if (method === 'GET' && clip) {
        const opened = await faceVerify.openSubmission(clip[1]!);
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': opened.mimeType,
          'content-length': opened.payload.length,
          'cache-control': 'no-store',
          'x-payload-sha256': opened.payloadSha256,
        });
        res.end(opened.payload);
        return;
      }
    }
    if (method === 'GET') {
      if (path.startsWith('/face-verify/')) {
        if (await serveFile(res, DIST, path.slice('/face-verify/'.length), SECURITY_HEADERS)) return;
        return sendJson(res, 404, { error: { code: 'not-found', message: `${path} is not in dist/. Run \`npm run build\`.` } });
      }
      const page: Record<string, string> = {
        '/': 'index.html',
        '/operator': 'operator.html',
        '/erase': 'erase.html',
        '/privacy': 'privacy.html',
        '/alternative': 'alternative.html',
      };
      const file = page[path] ?? (/^\/[\w.-]+\.(js|css)$/.test(path) ? path.slice(1) : null);
      if (file && (await serveFile(res, SITE, file, SECURITY_HEADERS))) return;
    }
    sendJson(res, 404, { error: { code: 'not-found', message: `No route for ${method} ${path}.` } });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof SyntaxError) {
        return sendJson(res, 400, { error: { code: 'bad-request', message: 'The request body is not valid JSON.' } });
      }
      sendError(res, error);
    });
  });

  return {
    server,
    faceVerify,
    operatorKey,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await faceVerify.close();
    },
  };
}

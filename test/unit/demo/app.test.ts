/**
 * The demo backend as a host runs it: the real app (real PGlite in a temp folder) on 127.0.0.1,
 * driven over HTTP with fetch, FormData and raw node:http requests. Submissions are sealed and
 * attested with the widget's own code (src/flow/submission.ts), so accepted ones are real.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { decodeJwt } from 'jose';
import { createDemoApp, type DemoApp } from '../../../demo/server/app.js';
import { demoPaths } from '../../../demo/server/paths.js';
import { SITE_DIR } from '../../../demo/server/routes/pages.js';
import { createAttestationKey } from '../../../src/crypto/attestation-key.js';
import { buildConsentReceipt } from '../../../src/flow/consent-receipt.js';
import { buildSubmission } from '../../../src/flow/submission.js';
import { buildTrace } from '../../../src/shared/trace.js';
import { liveTrace } from '../../fixtures/live-trace.js';
import type { ChallengeClaims, SessionResponse, SubmissionReceipt } from '../../../src/shared/wire.js';

const OPERATOR_KEY = 'test-operator-key';
const START = Date.parse('2026-11-02T09:00:00Z');

let tmp: string;
let app: DemoApp;
let base: string;
let port: number;
let clock = START;
const logs: string[] = [];

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'fv-demo-'));
  // These tests load pages far faster than a person (200 sessions in one test) from one address;
  // the limits themselves are tested in rate-limit.test.ts.
  app = await createDemoApp({ dataDir: join(tmp, 'data'), operatorKey: OPERATOR_KEY, now: () => clock, log: (line) => logs.push(line), rateLimits: { sessionsPerClient: { max: 1000, windowSeconds: 60 } } });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  port = (app.server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

after(async () => {
  await app.close();
  await rm(tmp, { recursive: true, force: true });
  await rm(`${join(tmp, 'data')}-secrets`, { recursive: true, force: true });
});

// ---------------------------------------------------------------- helpers

interface ErrorBody {
  error: { code: string; message: string };
}

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  const body = (await response.json()) as ErrorBody;
  assert.deepEqual(Object.keys(body), ['error']);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
  return body.error;
}

/** The `name=value` of a Set-Cookie for `name`, and its attributes. */
function cookieFrom(response: Response, name: string): { pair: string; attributes: string } {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  assert.ok(line, `a Set-Cookie for ${name}`);
  const [pair, ...attributes] = line.split(';');
  return { pair: pair!.trim(), attributes: attributes.map((a) => a.trim()).join('; ') };
}

/** Row counts of every table face-verify owns (the schema-version row included). */
async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await app.database.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  const out: Record<string, number> = {};
  for (const { table_name } of rows) {
    out[table_name] = (await app.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}"`)).rows[0]!.n;
  }
  return out;
}


/** A browser's page load: the session endpoint's answer and the session cookie it set. */
async function pageLoad(): Promise<{ session: SessionResponse; cookie: string }> {
  const response = await fetch(`${base}/api/face-verify/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(response.status, 200);
  return { session: (await response.json()) as SessionResponse, cookie: cookieFrom(response, 'mm_fv_session').pair };
}

/** What the widget does after consent: a challenge for its key, a 5-s recording, sealing, upload. */
async function faceCheck(browser: { session: SessionResponse; cookie: string }): Promise<{ receipt: SubmissionReceipt; payload: Uint8Array }> {
  const key = await createAttestationKey();
  const challengeResponse = await fetch(`${base}/api/face-verify/challenge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: browser.cookie },
    body: JSON.stringify({ session: browser.session.session, jkt: key.thumbprint }),
  });
  assert.equal(challengeResponse.status, 200);
  const { challenge } = (await challengeResponse.json()) as { challenge: string };
  const claims = decodeJwt(challenge) as unknown as ChallengeClaims;
  const payload = new Uint8Array(randomBytes(8192));
  payload.set([0x1a, 0x45, 0xdf, 0xa3], 0);
  const consent = buildConsentReceipt({
    manifest: browser.session.manifest,
    sessionId: browser.session.sessionId,
    agreedAt: new Date(clock),
    receiptId: `cr-${randomBytes(8).toString('base64url')}`,
  });
  // A person who does what the script asks (test/fixtures/live-trace.ts); the recording takes its time on the server's clock.
  const live = liveTrace(claims.liveness);
  clock += live.durationMs + 1000;
  const sub = await buildSubmission({
    challenge,
    claims,
    key,
    payload,
    payloadType: 'video/webm;codecs=vp8',
    evidence: { v: 2, trace: buildTrace(live.samples), liveness: live.report, signals: live.signals },
    capture: { startedAfterMs: 100, durationMs: live.durationMs, width: 640, height: 480, frames: live.samples.length },
    consent,
    now: () => clock,
  });
  const form = new FormData();
  form.append('attestation', sub.attestation);
  form.append('sealed', new Blob([sub.sealed as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'sealed');
  const response = await fetch(`${base}/api/face-verify/submit`, { method: 'POST', body: form, headers: { 'idempotency-key': sub.idempotencyKey } });
  assert.equal(response.status, 200, JSON.stringify(await response.clone().json()));
  return { receipt: (await response.json()) as SubmissionReceipt, payload };
}

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Resolves when the server closed the connection (without this client ending it). */
  closed: Promise<void>;
}

/**
 * A request over its own connection whose headers are sent and whose body (if any is declared) is
 * never sent: an answer proves the server decided without reading the body.
 */
function raw(method: string, path: string, headers: Record<string, string> = {}, { sendBody = !('content-length' in headers) } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false });
    let closedBy: () => void;
    const closed = new Promise<void>((r) => (closedBy = r));
    req.on('socket', (socket) => socket.on('close', () => closedBy()));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), closed }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      // The server may reset the connection once it has answered; the answer already arrived.
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    req.flushHeaders();
    if (sendBody) req.end();
  });
}

async function signup(cookie: string | undefined, receiptId: string, shop = 'Clay & Co'): Promise<Response> {
  return fetch(`${base}/api/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ shop, email: 'clay@example.test', receiptId }),
  });
}

async function login(key = OPERATOR_KEY): Promise<Response> {
  return fetch(`${base}/operator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
}

// ---------------------------------------------------------------- tests

describe('face-verify endpoints', () => {
  test('200 page-load sessions (and 20 challenges) store no row at all', async () => {
    const before = await rowCounts();
    assert.ok('face_verify_submissions' in before && 'face_verify_spent_nonces' in before, JSON.stringify(before));
    const loads = await Promise.all(Array.from({ length: 200 }, () => pageLoad()));
    assert.equal(new Set(loads.map((l) => l.session.sessionId)).size, 200);
    const { session } = loads[0]!;
    assert.equal(session.v, 2);
    assert.equal(session.challengeUrl, '/api/face-verify/challenge');
    assert.equal(session.submitUrl, '/api/face-verify/submit');
    for (const { session: s } of loads.slice(0, 20)) {
      const key = await createAttestationKey();
      const r = await fetch(`${base}/api/face-verify/challenge`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session: s.session, jkt: key.thumbprint }),
      });
      assert.equal(r.status, 200);
    }
    assert.deepEqual(await rowCounts(), before);
    assert.deepEqual(await app.faceVerify.listSubmissions(), []);
  });

  test('the session cookie is HttpOnly, SameSite=Strict, Path=/ and signed', async () => {
    const response = await fetch(`${base}/api/face-verify/session`, { method: 'POST' });
    const { session } = { session: (await response.json()) as SessionResponse };
    const { pair, attributes } = cookieFrom(response, 'mm_fv_session');
    assert.match(attributes, /HttpOnly/);
    assert.match(attributes, /SameSite=Strict/);
    assert.match(attributes, /Path=\//);
    const value = decodeURIComponent(pair.slice('mm_fv_session='.length));
    assert.ok(value.startsWith(`${session.sessionId}.`), 'the cookie carries the session id');
    assert.ok(value.length > session.sessionId.length + 40, 'and a MAC');
  });

  test('a GET on each POST endpoint is 405 with Allow: POST', async () => {
    for (const path of ['/api/face-verify/session', '/api/face-verify/challenge', '/api/face-verify/submit', '/api/signup', '/api/erase', '/api/your-data', '/operator/login']) {
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 405, path);
      assert.equal(response.headers.get('allow'), 'POST', path);
      assert.equal((await errorOf(response)).code, 'method-not-allowed');
    }
    const put = await fetch(`${base}/api/operator/submissions`, { method: 'POST' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, HEAD');
  });

  test('a text/plain POST to the challenge endpoint is 415 before its body is read, and the connection is closed', async () => {
    const answer = await raw('POST', '/api/face-verify/challenge', { 'content-type': 'text/plain', 'content-length': '5000' });
    assert.equal(answer.status, 415);
    assert.equal(answer.headers.connection, 'close');
    assert.equal((JSON.parse(answer.body.toString()) as ErrorBody).error.code, 'unsupported-media-type');
    await answer.closed; // the server hung up without waiting for the 5000 bytes never sent
  });

  test('an upload declaring more than the cap is 413 before its body is read, and the connection is closed', async () => {
    const length = String(app.faceVerify.maxSealedBytes * 4);
    const answer = await raw('POST', '/api/face-verify/submit', { 'content-type': 'multipart/form-data; boundary=xyz', 'content-length': length });
    assert.equal(answer.status, 413);
    assert.equal(answer.headers.connection, 'close');
    assert.equal((JSON.parse(answer.body.toString()) as ErrorBody).error.code, 'request-too-large');
    await answer.closed;
    assert.deepEqual(await app.faceVerify.listSubmissions(), []);
  });

  test('a real submission is accepted and stored once', async () => {
    const { receipt } = await faceCheck(await pageLoad());
    const stored = await app.faceVerify.listSubmissions();
    assert.ok(stored.some((s) => s.receiptId === receipt.receiptId));
  });
});

describe('signup: one receipt opens one shop, from the browser that did the check', () => {
  test('refused without the session cookie, with another session\'s cookie or a forged one; 409 the second time', async () => {
    const alice = await pageLoad();
    const { receipt } = await faceCheck(alice);
    const mallory = await pageLoad();

    const none = await signup(undefined, receipt.receiptId);
    assert.equal(none.status, 403);
    assert.equal((await errorOf(none)).code, 'session-cookie-missing');

    const other = await signup(mallory.cookie, receipt.receiptId);
    assert.equal(other.status, 403);
    assert.equal((await errorOf(other)).code, 'receipt-not-yours');

    const forged = await signup(`mm_fv_session=${receipt.sessionId}.${'A'.repeat(43)}`, receipt.receiptId);
    assert.equal(forged.status, 403);
    assert.equal((await errorOf(forged)).code, 'session-cookie-missing');

    const unknown = await signup(alice.cookie, 'no-such-receipt');
    assert.equal(unknown.status, 422);
    assert.equal((await errorOf(unknown)).code, 'receipt-unknown');

    const ok = await signup(alice.cookie, receipt.receiptId);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { ok: true, shop: 'Clay & Co' });

    const again = await signup(alice.cookie, receipt.receiptId, 'Second Shop');
    assert.equal(again.status, 409);
    assert.equal((await errorOf(again)).code, 'receipt-used');

    // Kept on disk, so a restart does not make the receipt usable again.
    const used = await readFile(join(app.dataDir, 'used-receipts.jsonl'), 'utf8');
    assert.match(used, new RegExp(receipt.receiptId));
  });

  test('a signup posted from another site is refused before its body is read', async () => {
    const response = await fetch(`${base}/api/signup`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}',
    });
    assert.equal(response.status, 403);
    assert.equal((await errorOf(response)).code, 'cross-origin');
  });
});

describe('operator access', () => {
  test('the API refuses no credentials, a key in the query string and a wrong Bearer; a right Bearer works', async () => {
    const none = await fetch(`${base}/api/operator/submissions`);
    assert.equal(none.status, 401);
    assert.equal((await errorOf(none)).code, 'operator-unauthorized');

    const query = await fetch(`${base}/api/operator/submissions?key=${OPERATOR_KEY}`);
    assert.equal(query.status, 401);
    assert.equal((await errorOf(query)).code, 'operator-key-in-url');

    const queryAndBearer = await fetch(`${base}/api/operator/submissions?key=${OPERATOR_KEY}`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
    assert.equal(queryAndBearer.status, 401, 'a key in a URL is refused even next to valid credentials');

    const wrong = await fetch(`${base}/api/operator/submissions`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);

    const bearer = await fetch(`${base}/api/operator/submissions`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
    assert.equal(bearer.status, 200);
    assert.ok(Array.isArray(await bearer.json()));
  });

  test('sign-in sets an HttpOnly SameSite=Strict 8-h cookie; sign-out ends it; a wrong key is 401', async () => {
    const wrong = await login('not-the-key');
    assert.equal(wrong.status, 401);
    assert.equal((await errorOf(wrong)).code, 'operator-key-wrong');
    assert.deepEqual(wrong.headers.getSetCookie(), []);

    const response = await login();
    assert.equal(response.status, 200);
    const { pair, attributes } = cookieFrom(response, 'mm_operator');
    assert.match(attributes, /HttpOnly/);
    assert.match(attributes, /SameSite=Strict/);
    assert.match(attributes, /Path=\//);
    assert.match(attributes, /Max-Age=28800/);
    assert.ok(!pair.includes(OPERATOR_KEY), 'the cookie is a session token, not the key');

    const list = await fetch(`${base}/api/operator/submissions`, { headers: { cookie: pair } });
    assert.equal(list.status, 200);

    const logout = await fetch(`${base}/operator/logout`, { method: 'POST', headers: { cookie: pair } });
    assert.equal(logout.status, 200);
    assert.match(cookieFrom(logout, 'mm_operator').attributes, /Max-Age=0/);
    assert.equal((await fetch(`${base}/api/operator/submissions`, { headers: { cookie: pair } })).status, 401, 'the token is dead after sign-out');
  });

  test('the sign-in form (no script) posts urlencoded and is sent back to /operator with the cookie', async () => {
    const response = await fetch(`${base}/operator/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `key=${OPERATOR_KEY}`, redirect: 'manual',
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/operator');
    const { pair } = cookieFrom(response, 'mm_operator');
    assert.equal((await fetch(`${base}/api/operator/audit`, { headers: { cookie: pair } })).status, 200);
  });

  test('an operator session expires after 8 hours', async () => {
    const { pair } = cookieFrom(await login(), 'mm_operator');
    const saved = clock;
    try {
      clock += 8 * 60 * 60 * 1000 - 1000;
      assert.equal((await fetch(`${base}/api/operator/audit`, { headers: { cookie: pair } })).status, 200);
      clock += 2000;
      assert.equal((await fetch(`${base}/api/operator/audit`, { headers: { cookie: pair } })).status, 401);
    } finally {
      clock = saved;
    }
  });

  test('opening a clip appends an audit line (who, when, which, from where) to a 0600 log; the clip is never compressed', async () => {
    const { receipt, payload } = await faceCheck(await pageLoad());
    const signedIn = await login();
    const { who } = (await signedIn.json()) as { who: string };
    const { pair } = cookieFrom(signedIn, 'mm_operator');

    const clip = await fetch(`${base}/api/operator/submissions/${receipt.receiptId}/clip`, { headers: { cookie: pair, 'accept-encoding': 'br, gzip' } });
    assert.equal(clip.status, 200);
    assert.match(clip.headers.get('content-type')!, /^video\/webm/);
    assert.equal(clip.headers.get('content-encoding'), null);
    assert.equal(clip.headers.get('cache-control'), 'no-store');
    assert.deepEqual(new Uint8Array(await clip.arrayBuffer()), payload);

    const lines = (await readFile(app.auditLogPath, 'utf8')).trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(last).sort(), ['action', 'at', 'ip', 'receiptId', 'who']);
    assert.equal(last['who'], who);
    assert.match(String(last['who']), /^op-/);
    assert.equal(last['action'], 'open-clip');
    assert.equal(last['receiptId'], receipt.receiptId);
    assert.equal(last['ip'], '127.0.0.1');
    assert.equal(last['at'], new Date(clock).toISOString());
    assert.equal((await stat(app.auditLogPath)).mode & 0o777, 0o600);

    const byBearer = await fetch(`${base}/api/operator/submissions/${receipt.receiptId}/clip`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
    assert.equal(byBearer.status, 200);
    await byBearer.arrayBuffer();
    const audit = await fetch(`${base}/api/operator/audit`, { headers: { cookie: pair } });
    const entries = (await audit.json()) as { who: string; receiptId: string }[];
    assert.deepEqual(entries.slice(-2).map((e) => e.who), [who, 'bearer']);

    const refused = await fetch(`${base}/api/operator/submissions/${receipt.receiptId}/clip`);
    assert.equal(refused.status, 401);
    assert.equal((await readFile(app.auditLogPath, 'utf8')).trim().split('\n').length, lines.length + 1, 'a refused request opens nothing and logs nothing');
  });
});

describe('the HTTP edge', () => {
  const EXPECTED: Record<string, string> = {
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  };

  test('every response carries the security headers: pages, scripts, JSON, errors, 404, 405', async () => {
    const responses = [
      await fetch(`${base}/`),
      await fetch(`${base}/operator`),
      await fetch(`${base}/signup.js`),
      await fetch(`${base}/api/face-verify/session`, { method: 'POST' }),
      await fetch(`${base}/api/face-verify/session`),
      await fetch(`${base}/api/operator/submissions`),
      await fetch(`${base}/no/such/page`),
      await fetch(`${base}/api/face-verify/challenge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' }),
    ];
    for (const response of responses) {
      for (const [name, value] of Object.entries(EXPECTED)) assert.equal(response.headers.get(name), value, `${response.url} ${name}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /connect-src 'self'/);
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      await response.arrayBuffer();
    }
  });

  test('JSON errors are typed and carry no stack or path', async () => {
    const bad = await fetch(`${base}/api/face-verify/challenge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    assert.equal(bad.status, 400);
    const error = await errorOf(bad);
    assert.equal(error.code, 'request-malformed');
    assert.doesNotMatch(error.message, /\n\s+at |\/work\/|node_modules|\.ts:/);
  });

  test('a .js asset is brotli- or gzip-encoded as Accept-Encoding allows, with Vary; identity otherwise', async () => {
    const file = await readFile(join(SITE_DIR, 'operator.js'));
    const br = await raw('GET', '/operator.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['vary'], 'Accept-Encoding');
    assert.deepEqual(brotliDecompressSync(br.body), file);

    const gz = await raw('GET', '/operator.js', { 'accept-encoding': 'br;q=0, gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), file);

    const plain = await raw('GET', '/operator.js', {});
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['vary'], 'Accept-Encoding');
    assert.deepEqual(plain.body, file);

    const again = await raw('GET', '/operator.js', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    assert.equal(again.status, 304);
  });

  test('JSON answers are compressed too', async () => {
    const answer = await raw('POST', '/api/face-verify/session', { 'accept-encoding': 'gzip', 'content-length': '0' }, { sendBody: true });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-encoding'], 'gzip');
    assert.equal((JSON.parse(gunzipSync(answer.body).toString()) as SessionResponse).v, 2);
  });
});

describe('on disk and at start', () => {
  test('the data folder is 0700; keys and the cookie secret are 0600 outside it', async () => {
    assert.equal((await stat(app.dataDir)).mode & 0o777, 0o700);
    assert.equal(app.keyFile, `${app.dataDir}-secrets/keys.json`);
    assert.equal((await stat(app.keyFile)).mode & 0o777, 0o600);
    assert.equal((await stat(join(app.dataDir, '..', 'data-secrets', 'demo-cookie-secret'))).mode & 0o777, 0o600);
  });

  test('a key file inside the data folder is refused', async () => {
    const dataDir = join(tmp, 'inside');
    await assert.rejects(createDemoApp({ dataDir, keyFile: join(dataDir, 'keys.json'), log: () => {} }), /inside the database folder/);
  });

  test('retention ran at start and logged its counts', () => {
    assert.ok(logs.some((l) => /^retention: purged 0 submission\(s\) past retention and 0 spent nonce\(s\)$/.test(l)), logs.join('\n'));
  });

  test('DEMO_KEY_FILE defaults beside a DEMO_DATA_DIR, never to the developer\'s demo/.secrets', () => {
    assert.deepEqual(demoPaths({}, '/repo'), { dataDir: '/repo/demo/.data', keyFile: '/repo/demo/.secrets/face-verify-keys.json' });
    assert.deepEqual(demoPaths({ DEMO_DATA_DIR: '.cache/e2e-data' }, '/repo'), {
      dataDir: '/repo/.cache/e2e-data', keyFile: '/repo/.cache/e2e-data-secrets/keys.json',
    });
    assert.deepEqual(demoPaths({ DEMO_DATA_DIR: '/d', DEMO_KEY_FILE: '/k/keys.json' }, '/repo'), { dataDir: '/d', keyFile: '/k/keys.json' });
  });
});

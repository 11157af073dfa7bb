/**
 * Property-based fuzzing of every door a hostile client can knock on: mutated submissions (the
 * multipart bytes, the attestation JWT, the sealed bytes and what is sealed inside), mutated session
 * and challenge tokens, and raw HTTP against the demo backend. Each input must be refused with a
 * documented 4xx code, and nothing may be stored. The seed is fixed (FUZZ_SEED varies it); on a
 * failure fast-check prints the seed, the path and the shrunk counterexample. Runs on PGlite and
 * PostgreSQL like the server suites (test-database.ts).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { importJWK } from 'jose';
import { createAttestationKey } from '../../../src/crypto/attestation-key.js';
import { sha256Base64Url } from '../../../src/crypto/digest.js';
import { seal } from '../../../src/crypto/hpke.js';
import { publicKeyFromJwk } from '../../../src/crypto/operator-key.js';
import { SERVER_ERROR_CODES } from '../../../src/shared/errors.js';
import { encodeSealedContents } from '../../../src/shared/sealed-container.js';
import { sealInfo } from '../../../src/shared/seal-info.js';
import type { AttestationClaims } from '../../../src/shared/wire.js';
import { generateSigningKey } from '../../../src/server/keys.js';
import { readSubmission, type RequestLike } from '../../../src/server/http.js';
import { createDemoApp, type DemoApp } from '../../../demo/server/app.js';
import { counts, honestSubmission, parts, useServer, type Submission } from '../server/helpers.js';
import { openTestDatabase, type TestDatabase } from '../server/test-database.js';
import { forgedHeader, signerWith, withPath, type Signer } from './forge.js';
import { concat, mutatedBytes, mutatedToken } from './mutate.js';
import { refusal, SEED, tally } from './tally.js';

// Rate limits off: after five refusals a session would answer every later input with rate-limited,
// and the checks behind it would go unfuzzed.
const fx = useServer({ rateLimits: false });
const started = Date.now();
let base: Submission;
let widget: Signer;
let widgetForeign: Signer;
let server: Signer;
let serverForeign: Signer;

async function setUp(): Promise<void> {
  base = await honestSubmission(fx.server);
  widget = signerWith(base.key.privateKey, base.key.publicJwk);
  const other = await createAttestationKey();
  widgetForeign = signerWith(other.privateKey, other.publicJwk);
  const { d: _d, ...serverPublic } = fx.keys.signingKey;
  server = signerWith((await importJWK({ ...fx.keys.signingKey }, 'EdDSA')) as CryptoKey, serverPublic);
  const foreignKey = await generateSigningKey();
  const { d: _fd, ...foreignPublic } = foreignKey;
  serverForeign = signerWith((await importJWK({ ...foreignKey }, 'EdDSA')) as CryptoKey, foreignPublic);
}

after(() => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${tally.inputs} inputs, ${tally.accepted} accepted, ${tally.untyped} untyped, ${tally.equivalent} equivalent to the honest input skipped (seed ${SEED}, ${seconds} s)`);
});

const run = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: true });

/** Asserts the property ran on a database that ends as it began. */
async function storesNothing(property: () => Promise<void>): Promise<void> {
  const before = await counts(fx.db);
  await property();
  assert.deepEqual(await counts(fx.db), before, 'a refused input must store nothing');
}

const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** The base's claims with `edit` applied, signed by the widget's own key (so only the edit is wrong). */
function resigned(edit: (claims: AttestationClaims) => AttestationClaims): Promise<string> {
  return widget.sign(header(base.attestation), edit(structuredClone(base.claims)) as unknown as Record<string, unknown>);
}

const sealedClaim = (bytes: Uint8Array) => (c: AttestationClaims): AttestationClaims => ({ ...c, sealed: { ...c.sealed, sha256: sha256Base64Url(bytes), bytes: bytes.length } });

/** The honest upload as the widget's FormData would send it, boundary and all. */
function multipart(attestation: string, sealed: Uint8Array, boundary = 'fvBoundary7MA4YWxk'): Uint8Array {
  const text = (s: string) => new TextEncoder().encode(s);
  return concat(
    text(`--${boundary}\r\ncontent-disposition: form-data; name="attestation"\r\n\r\n${attestation}\r\n`),
    text(`--${boundary}\r\ncontent-disposition: form-data; name="sealed"; filename="sealed"\r\ncontent-type: application/octet-stream\r\n\r\n`),
    sealed,
    text(`\r\n--${boundary}--\r\n`),
  );
}

function requestOf(body: Uint8Array, contentType = 'multipart/form-data; boundary=fvBoundary7MA4YWxk'): RequestLike {
  return {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: (async function* () {
      yield body;
    })(),
  };
}

/** Claims whose change must be refused whatever it is changed to: what binds, names and counts. */
const BINDING_CLAIMS = [
  'v', 'challenge', 'sid', 'nonce', 'mode', 'jti',
  'sealed', 'sealed.sha256', 'sealed.bytes', 'sealed.suite', 'sealed.kid',
  'payload', 'payload.sha256', 'payload.bytes', 'evidence', 'evidence.sha256', 'evidence.bytes',
  'capture', 'capture.frames', 'consent', 'consent.noticeHash', 'consent.sessionId', 'consent.mode', 'consent.consentType', 'consent.sensitive',
] as const;

describe(`fuzz (seed ${SEED})`, () => {
  // Inside the suite: the file's own before hook (useServer) has opened the server by then.
  before(setUp);

  test('(a) mutated multipart bodies are refused with a typed code, except those that parse to the honest parts (never sent)', () => storesNothing(async () => {
    const body = multipart(base.attestation, base.sealed);
    await fc.assert(fc.asyncProperty(mutatedBytes(body), async (mutated) => {
      // A mutation of the boundary's padding or a part header can leave the parts intact: that is
      // the honest upload, and accepting it would be right. Only parts that differ are sent.
      const parsed = await readSubmission(requestOf(mutated), { maxSealedBytes: fx.server.maxSealedBytes }).catch(() => undefined);
      if (parsed && parsed.attestation === base.attestation && Buffer.from(parsed.sealed).equals(Buffer.from(base.sealed))) {
        tally.equivalent++;
        return;
      }
      await refusal(() => fx.server.receiveSubmission(requestOf(mutated)));
    }), run(1500));
  }));

  test('(a) attestation JWTs damaged at the character or part level are refused with a typed code', () => storesNothing(async () => {
    await fc.assert(fc.asyncProperty(mutatedToken(base.attestation), async (attestation) => {
      await refusal(() => fx.server.verifySubmission({ ...parts(base), attestation }));
    }), run(2500));
  }));

  test('(a) alg none, HS256 keyed with the public key, a wrong typ and an unknown kid on the attestation are refused', () => storesNothing(async () => {
    await fc.assert(fc.asyncProperty(forgedHeader(base.attestation, widget, widgetForeign), async (forge) => {
      const attestation = await forge();
      const code = await refusal(() => fx.server.verifySubmission({ ...parts(base), attestation }));
      assert.ok(['token-malformed', 'alg-not-allowed', 'signature-invalid', 'key-binding-mismatch'].includes(code), code);
    }), run(1000));
  }));

  test('(a) a binding claim changed to any JSON value and re-signed by the widget\'s own key is refused', () => storesNothing(async () => {
    const change = fc.tuple(fc.constantFrom(...BINDING_CLAIMS), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }));
    await fc.assert(fc.asyncProperty(change, async ([path, value]) => {
      const attestation = await resigned((c) => withPath(c, path, value));
      if (attestation === base.attestation) return;
      await refusal(() => fx.server.verifySubmission({ ...parts(base), attestation }));
    }), run(1200));
  }));

  test('(a) sealed bytes flipped, cut or extended are refused, as sent and with the attestation re-signed over them', () => storesNothing(async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(base.sealed), fc.boolean(), async (sealed, resign) => {
      const attestation = resign ? await resigned(sealedClaim(sealed)) : base.attestation;
      const code = await refusal(() => fx.server.verifySubmission({ ...parts(base), attestation, sealed }));
      assert.ok(['blob-hash-mismatch', 'seal-open-failed', 'blob-too-large'].includes(code), code);
    }), run(1500));
  }));

  test('(a) a damaged container sealed properly to the right key is refused (payload and evidence claims kept)', () => storesNothing(async () => {
    const plaintext = encodeSealedContents({ payload: base.payload, evidence: base.evidence });
    const info = sealInfo(base.challenge.mode, base.challenge.sid, base.token);
    const opk = publicKeyFromJwk(base.challenge.opk);
    await fc.assert(fc.asyncProperty(mutatedBytes(plaintext), async (mutated) => {
      const sealed = seal(opk, info, mutated);
      const attestation = await resigned(sealedClaim(sealed));
      await refusal(() => fx.server.verifySubmission({ ...parts(base), attestation, sealed }));
    }), run(600));
  }));

  test('(b) session tokens mutated or forged never yield a challenge', async () => {
    const session = base.session.session;
    const jkt = base.key.thumbprint;
    const forged = forgedHeader(session, server, serverForeign).map((f) => ({ forge: f }));
    const mutated = mutatedToken(session).map((t) => ({ forge: async () => t }));
    await fc.assert(fc.asyncProperty(fc.oneof(mutated, mutated, forged), async ({ forge }) => {
      const token = await forge();
      await refusal(() => fx.server.createChallenge({ session: token, jkt }));
    }), run(1000));
  });

  test('(b) challenge tokens mutated or forged (alg none, HS256 with the server key, a session token as challenge) inside a re-signed attestation are refused', () => storesNothing(async () => {
    const asChallenge = fc.constant({ forge: async () => base.session.session });
    const forged = forgedHeader(base.token, server, serverForeign).map((f) => ({ forge: f }));
    const mutated = mutatedToken(base.token).map((t) => ({ forge: async () => t }));
    // A validly signed challenge with one claim changed, as if the server's key had signed it.
    const edited = fc.tuple(fc.constantFrom('nonce', 'sid', 'iss', 'mode', 'cnf.jkt', 'opk.kid', 'liveness', 'clipMs', 'exp'), fc.jsonValue({ maxDepth: 1 }))
      .map(([path, value]) => ({ forge: () => serverForeign.sign(header(base.token), withPath(payloadOf(base.token), path, value)) }));
    await fc.assert(fc.asyncProperty(fc.oneof(mutated, mutated, forged, asChallenge, edited), async ({ forge }) => {
      const challenge = await forge();
      const attestation = await resigned((c) => ({ ...c, challenge }));
      await refusal(() => fx.server.verifySubmission({ ...parts(base), attestation }));
    }), run(1000));
  }));
});

describe(`fuzz: raw HTTP against the demo backend (seed ${SEED})`, () => {
  let tmp: string;
  let app: DemoApp;
  let testDb: TestDatabase;
  let origin: string;

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'fv-fuzz-'));
    testDb = await openTestDatabase();
    app = await createDemoApp({
      dataDir: join(tmp, 'data'), keyFile: join(tmp, 'secrets', 'keys.json'), log: () => {}, rateLimits: false,
      ...(testDb.url ? { databaseUrl: testDb.url } : {}),
    });
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await app.close();
    await testDb.close();
    await rm(tmp, { recursive: true, force: true });
  });

  /** The demo's own refusals (demo/server/demo-error.ts) besides face-verify's. */
  const DEMO_CODES = ['not-found', 'method-not-allowed', 'cross-origin', 'request-malformed', 'request-too-large', 'unsupported-media-type'];

  test('(c) random content types, oversize and malformed multipart or JSON bodies get a typed 4xx, never a 500, and store nothing', async () => {
    const rows = async () => (await app.database.query<{ n: number }>('SELECT (SELECT count(*) FROM face_verify_submissions) + (SELECT count(*) FROM face_verify_spent_nonces) AS n')).rows[0]!.n;
    const before = await rows();
    const contentType = fc.oneof(
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'multipart/form-data; boundary=fvB', 'multipart/form-data', 'multipart/form-data; boundary=', 'text/plain', 'application/x-www-form-urlencoded', 'APPLICATION/JSON', ''),
      fc.string({ maxLength: 60 }).filter((s) => !/[\r\n\0]/.test(s) && /^[\x20-\x7e]*$/.test(s)),
    );
    const json = fc.jsonValue({ maxDepth: 3 }).map((v) => new TextEncoder().encode(JSON.stringify(v)));
    const honestMultipart = multipart('a.b.c', new Uint8Array(64), 'fvB');
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      json,
      json.map((b) => b.subarray(0, Math.max(0, b.length - 1))),
      mutatedBytes(honestMultipart),
      fc.constant(honestMultipart),
      fc.integer({ min: 9 * 1024, max: 40 * 1024 }).map((n) => new Uint8Array(n).fill(0x7b)),
    );
    const path = fc.constantFrom('/api/face-verify/session', '/api/face-verify/challenge', '/api/face-verify/submit');
    const declared = fc.constantFrom<'true' | 'huge' | 'none'>('true', 'true', 'huge', 'none');
    await fc.assert(fc.asyncProperty(path, contentType, body, declared, async (url, type, bytes, length) => {
      tally.inputs++;
      const headers: Record<string, string> = { 'content-type': type };
      if (length === 'huge') headers['content-length'] = String(10 ** 12);
      const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body: bytes as Uint8Array<ArrayBuffer> };
      if (length === 'none') {
        // Chunked: no declared length, so the stream cap is what refuses an oversize body.
        init.body = new ReadableStream({ start: (c) => { c.enqueue(bytes); c.close(); } });
        init.duplex = 'half';
      }
      let response: Response;
      try {
        response = await fetch(`${origin}${url}`, init);
      } catch (error) {
        // The server may close the socket once it has refused an oversize request: a refusal it
        // answered first, or a reset it chose; neither is a crash, but there must be an answer.
        assert.ok(length === 'huge', `no answer for ${url}: ${String(error)}`);
        return;
      }
      const text = await response.text();
      if (response.status === 200) {
        // Only the page-load session takes any small body (it stores nothing); the rest must refuse.
        assert.equal(url, '/api/face-verify/session', `accepted ${url}: ${text.slice(0, 200)}`);
        return;
      }
      if (response.status >= 500) tally.untyped++;
      assert.ok(response.status >= 400 && response.status < 500, `${url} answered ${response.status}: ${text.slice(0, 200)}`);
      const code = (JSON.parse(text) as { error: { code: string } }).error.code;
      assert.ok((SERVER_ERROR_CODES as readonly string[]).includes(code) || DEMO_CODES.includes(code), `${url}: undocumented code ${code}`);
    }), run(1200));
    assert.equal(await rows(), before, 'nothing stored');
  });
});

test('the fuzz suite ran at least 10,000 hostile inputs, none accepted, none untyped', () => {
  assert.equal(tally.accepted, 0);
  assert.equal(tally.untyped, 0);
  assert.ok(tally.inputs >= 10_000, `only ${tally.inputs} inputs`);
});

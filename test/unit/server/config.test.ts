/** Options validation and key handling: every problem reported at once, keys that survive restarts. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { calculateJwkThumbprint } from 'jose';
import { generateOperatorKey } from '../../../src/crypto/operator-key.js';
import { isFaceVerifyError } from '../../../src/shared/errors.js';
import type { FaceVerifyServerOptions } from '../../../src/server/options.js';
import { generateSigningKey, loadOrCreateKeyFile, signingKeyProblems } from '../../../src/server/keys.js';
import { FaceVerifyServer } from '../../../src/server/server.js';
import { manifest, newKeys, type ServerKeys } from './helpers.js';

let keys: ServerKeys;
let dir: string;

before(async () => {
  keys = await newKeys();
  dir = await mkdtemp(join(tmpdir(), 'face-verify-keys-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Options that are valid; the database is never opened because validation runs first. */
function options(overrides: Record<string, unknown> = {}): FaceVerifyServerOptions {
  return {
    database: { dataDir: join(dir, 'never-opened') },
    ...keys,
    manifest,
    issuer: 'https://makers.example',
    challengeUrl: '/challenge',
    submitUrl: '/submit',
    ...overrides,
  } as FaceVerifyServerOptions;
}

async function invalid(overrides: Record<string, unknown>): Promise<string> {
  try {
    await FaceVerifyServer.open(options(overrides));
  } catch (error) {
    assert.ok(isFaceVerifyError(error, 'invalid-argument'), `expected invalid-argument, got ${String(error)}`);
    return error.message;
  }
  assert.fail('FaceVerifyServer.open accepted invalid options');
}

describe('FaceVerifyServer.open options', () => {
  test('an invalid manifest is refused with every problem listed', async () => {
    const message = await invalid({ manifest: { ...manifest, purpose: '', retention: { days: 0, description: 'x' }, rights: [], locale: '??' } });
    assert.match(message, /manifest\.purpose/);
    assert.match(message, /manifest\.retention\.days/);
    assert.match(message, /manifest\.rights/);
    assert.match(message, /manifest\.locale/);
  });

  test('time windows outside their bounds are refused, naming the bound', async () => {
    assert.match(await invalid({ captureWindowSeconds: 301 }), /captureWindowSeconds: .*10 to 300/);
    assert.match(await invalid({ captureWindowSeconds: 60.5 }), /captureWindowSeconds/);
    assert.match(await invalid({ reviewWindowSeconds: 1801 }), /reviewWindowSeconds: .*30 to 1800/);
    assert.match(await invalid({ sessionTtlSeconds: 59 }), /sessionTtlSeconds: .*60 to 86400/);
  });

  test('the template policy is checked: threshold, neighbours, flag or refuse, the HNSW search list', async () => {
    const message = await invalid({ templates: { matchThreshold: 2.5, neighbours: 41, duplicates: 'ban' as never, efSearch: 1001 } });
    assert.match(message, /templates\.matchThreshold: must be a number between 0 and 2/);
    assert.match(message, /templates\.neighbours: must be a whole number from 1 to 40/);
    assert.match(message, /templates\.duplicates: must be 'flag' or 'refuse'/);
    assert.match(message, /templates\.efSearch: must be a whole number from templates\.neighbours \(5\) to 1000/);
  });

  test('bad rate limits are refused naming the option, its bounds and the default', async () => {
    const message = await invalid({ rateLimits: { failuresPerSession: { max: 0, windowSeconds: 180 }, sessionsPerClient: { max: 10, windowSeconds: 1.5 }, failuresPerClient: 'lots', maxKeys: 5, perIp: 3 } });
    assert.match(message, /rateLimits\.failuresPerSession\.max: .*1 to 10000 \(default 5\)/);
    assert.match(message, /rateLimits\.sessionsPerClient\.windowSeconds: .*1 to 86400 \(default 60\)/);
    assert.match(message, /rateLimits\.failuresPerClient: must be \{ max, windowSeconds \}.*or false/);
    assert.match(message, /rateLimits\.maxKeys: .*100 to 1000000/);
    assert.match(message, /rateLimits\.perIp: not an option/);
    assert.match(await invalid({ rateLimits: 'strict' }), /rateLimits: must be an object/);
  });

  test('the default sealed-part cap follows from the longest recording the liveness policy allows', async () => {
    const server = await FaceVerifyServer.open(options({ database: { dataDir: 'memory://' } }));
    const shorter = await FaceVerifyServer.open(options({ database: { dataDir: 'memory://' }, liveness: { actionCount: [2, 2], colours: 6 } }));
    try {
      // Default: 0.8 s lead + 8 colours × 0.6 s + 3 actions × 4.5 s + 0.3 s = 19.4 s,
      // × 500 kbps / 8 × 2.5 headroom + 256 KiB of evidence + 1 KiB.
      assert.equal(server.maxSealedBytes, 3_031_250 + 262_144 + 1024);
      // 0.8 + 6 × 0.6 + 2 × 4.5 + 0.3 = 13.7 s.
      assert.equal(shorter.maxSealedBytes, 2_140_625 + 262_144 + 1024);
    } finally {
      await server.close();
      await shorter.close();
    }
  });

  test('a liveness policy whose longest script overflows the trace, or with bad entries, is refused naming each', async () => {
    const message = await invalid({ liveness: { actionCount: [4, 4], actions: ['turn-left', 'smile'], colours: 5, thresholds: { turnDeg: -1 }, signals: { 'virtual-camera': 'maybe' } as never } });
    for (const part of ['liveness.colours', 'liveness.actions: "smile"', 'liveness.thresholds.turnDeg', 'liveness.signals.virtual-camera']) {
      assert.ok(message.includes(part), `names ${part}:\n${message}`);
    }
    assert.match(await invalid({ liveness: { actionCount: [4, 4] } }), /over the 20000 ms a trace holds/);
  });

  test('bad keys, secrets and limits are all reported in one error', async () => {
    const { kid: _kid, d: _d, ...publicSigning } = keys.signingKey;
    const message = await invalid({
      database: {},
      signingKey: publicSigning,
      operatorKeys: [generateOperatorKey('same').publicJwk, generateOperatorKey('same').privateJwk, generateOperatorKey('same').privateJwk],
      issuer: '',
      submitUrl: 7,
      challengeUrl: '',
      erasureSecret: 'too short',
      maxSealedBytes: -1,
      clipMs: 5000,
      now: 5,
    });
    for (const field of ['database', 'signingKey.d', 'operatorKeys[0]', 'operatorKeys[2].kid', 'issuer', 'challengeUrl', 'submitUrl', 'erasureSecret', 'maxSealedBytes', 'clipMs', 'now']) {
      assert.ok(message.includes(`${field}:`), `the message names ${field}:\n${message}`);
    }
    assert.ok(!message.includes(keys.signingKey.d), 'the message never prints a private key');
  });

  test('an empty key ring and a mixed-up signing key are refused', async () => {
    assert.match(await invalid({ operatorKeys: [] }), /operatorKeys: must be a non-empty array/);
    const other = await generateSigningKey();
    assert.match(await invalid({ signingKey: { ...keys.signingKey, x: other.x } }), /signingKey\.x: is not the public key/);
  });

  test('valid options open (embedded PGlite from dataDir) and expose the mode and a copy of the manifest', async () => {
    const server = await FaceVerifyServer.open(options({ database: { dataDir: 'memory://' } }));
    try {
      assert.equal(server.mode, 'clip');
      const copy = server.manifest;
      copy.purpose = 'changed';
      assert.equal(server.manifest.purpose, manifest.purpose);
    } finally {
      await server.close();
    }
  });
});

describe('keys', () => {
  test('generateSigningKey makes an Ed25519 private JWK whose kid is its thumbprint', async () => {
    const key = await generateSigningKey();
    assert.equal(key.kty, 'OKP');
    assert.equal(key.crv, 'Ed25519');
    assert.match(key.d, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(key.kid, await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: key.x }, 'sha256'));
    assert.deepEqual(signingKeyProblems(key), []);
    assert.notDeepEqual((await generateSigningKey()).d, key.d);
  });

  test('loadOrCreateKeyFile creates a 0600 file once and then returns the same keys', async () => {
    const path = join(dir, 'nested', 'keys.json');
    const created = await loadOrCreateKeyFile(path);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal(created.operator.length, 1);
    assert.deepEqual(signingKeyProblems(created.signing), []);
    const loaded = await loadOrCreateKeyFile(path);
    assert.deepEqual(loaded, created);
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), created);
  });

  test('a corrupt or tampered key file is refused with a fix, never overwritten', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{not json');
    await assert.rejects(loadOrCreateKeyFile(path), { code: 'invalid-argument', message: /not valid JSON/ });
    const good = await loadOrCreateKeyFile(join(dir, 'good.json'));
    await writeFile(path, JSON.stringify({ signing: good.signing, operator: [{ ...good.operator[0], d: good.signing.d }] }));
    await assert.rejects(loadOrCreateKeyFile(path), { code: 'invalid-argument', message: /operator\[0\]/ });
    assert.match(await readFile(path, 'utf8'), /"operator"/, 'the file is left as it was');
  });
});

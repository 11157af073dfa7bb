/**
 * The server's keys: an Ed25519 key that signs challenge tokens, and a ring of X25519 operator keys
 * that open sealed blobs. The first operator key is the current one (new challenges carry it); the
 * others only open blobs sealed before a rotation.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { bytesEqual, fromBase64Url, toBase64Url } from '../shared/bytes.js';
import { generateOperatorKey, privateKeyFromJwk, type OperatorPrivateJwk } from '../crypto/operator-key.js';
import { fail, isRecord } from './fail.js';

/** The server's Ed25519 challenge-signing key as a private JWK (RFC 8037). Keep it secret. */
export interface SigningPrivateJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** Public key, 32 bytes base64url. */
  x: string;
  /** Private key, 32 bytes base64url. */
  d: string;
  /** Key id; {@link generateSigningKey} uses the RFC 7638 thumbprint. */
  kid: string;
}

/** The public half of a {@link SigningPrivateJwk}: what verifies challenge tokens. */
export interface SigningPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
}

/** What {@link loadOrCreateKeyFile} keeps on disk. */
export interface KeyFile {
  signing: SigningPrivateJwk;
  /** The operator key ring, current key first. */
  operator: OperatorPrivateJwk[];
}

/**
 * Generates a new Ed25519 challenge-signing key.
 * @returns the private JWK with `kid` set to its RFC 7638 thumbprint.
 */
export async function generateSigningKey(): Promise<SigningPrivateJwk> {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x || !jwk.d) {
    fail('invalid-argument', 'generateSigningKey: this runtime exported an unexpected Ed25519 key; use Node ≥ 20.19');
  }
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'sha256');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid };
}

/**
 * Lists what is wrong with a challenge-signing key (empty when it is a usable Ed25519 private JWK
 * whose `x` belongs to its `d`). Each problem starts with `path`.
 */
export function signingKeyProblems(jwk: unknown, path = 'signingKey'): string[] {
  if (!isRecord(jwk)) return [`${path}: must be an Ed25519 private JWK object (generate one with generateSigningKey())`];
  const problems: string[] = [];
  if (jwk['kty'] !== 'OKP' || jwk['crv'] !== 'Ed25519') {
    problems.push(`${path}: must have kty "OKP" and crv "Ed25519" (an EdDSA key; generate one with generateSigningKey())`);
  }
  const x = key32(jwk['x']);
  const d = key32(jwk['d']);
  if (!x) problems.push(`${path}.x: must be the 32-byte public key as unpadded base64url`);
  if (!d) problems.push(`${path}.d: must be the 32-byte private key as unpadded base64url (this looks like a public JWK)`);
  if (x && d && !bytesEqual(ed25519.getPublicKey(d), x)) {
    problems.push(`${path}.x: is not the public key of ${path}.d; the JWK mixes two keys — regenerate or fix it`);
  }
  if (jwk['kid'] !== undefined && (typeof jwk['kid'] !== 'string' || jwk['kid'] === '')) {
    problems.push(`${path}.kid: must be a non-empty string when present`);
  }
  return problems;
}

/**
 * Lists what is wrong with an operator key ring (empty when every key is a valid X25519 private JWK
 * with a unique `kid`). Each problem starts with `path`.
 */
export function operatorKeyProblems(keys: unknown, path = 'operatorKeys'): string[] {
  if (!Array.isArray(keys) || keys.length === 0) {
    return [`${path}: must be a non-empty array of X25519 private JWKs, current key first (generate one with generateOperatorKey())`];
  }
  const problems: string[] = [];
  const kids = new Set<string>();
  keys.forEach((key, i) => {
    try {
      privateKeyFromJwk(key).fill(0);
    } catch (error) {
      problems.push(`${path}[${i}]: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const kid = (key as Record<string, unknown>)['kid'];
    if (typeof kid !== 'string' || kid === '') {
      problems.push(`${path}[${i}].kid: must be a non-empty string; sealed blobs name their key by it`);
    } else if (kids.has(kid)) {
      problems.push(`${path}[${i}].kid: "${kid}" is used by an earlier key; every key in the ring needs its own kid`);
    } else {
      kids.add(kid);
    }
  });
  return problems;
}

/**
 * Reads the key file at `path`, or creates it (owner read/write only, mode 0o600) with a new
 * signing key and one operator key when it does not exist. Keys then survive restarts, so challenges
 * issued before a restart still verify and stored blobs still open.
 * @throws FaceVerifyError `invalid-argument` when the file exists but is not valid JSON or its keys are
 *   malformed (the message lists each problem; fix the file or delete it to start over, which makes
 *   blobs sealed to the old keys unreadable).
 */
export async function loadOrCreateKeyFile(path: string): Promise<KeyFile> {
  if (typeof path !== 'string' || path.trim() === '') {
    fail('invalid-argument', 'loadOrCreateKeyFile: `path` must be a file path, e.g. "./.data/keys.json"');
  }
  const existing = await readKeyFile(path);
  if (existing) return existing;
  const keys: KeyFile = { signing: await generateSigningKey(), operator: [generateOperatorKey().privateJwk] };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // 'wx' never overwrites: if another process created the file meanwhile, use theirs.
    await writeFile(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = await readKeyFile(path);
      if (raced) return raced;
    }
    fail('invalid-argument', `loadOrCreateKeyFile: could not write "${path}"; check that its folder is writable`, error);
  }
  return keys;
}

async function readKeyFile(path: string): Promise<KeyFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    fail('invalid-argument', `loadOrCreateKeyFile: could not read "${path}"; check its permissions`, error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail('invalid-argument', `loadOrCreateKeyFile: "${path}" is not valid JSON; fix it, or delete it to generate new keys`, error);
  }
  if (!isRecord(data)) {
    fail('invalid-argument', `loadOrCreateKeyFile: "${path}" must hold {"signing": <Ed25519 private JWK>, "operator": [<X25519 private JWK>, …]}`);
  }
  const problems = [...signingKeyProblems(data['signing'], 'signing'), ...operatorKeyProblems(data['operator'], 'operator')];
  if (problems.length) {
    fail('invalid-argument', `loadOrCreateKeyFile: "${path}" has invalid keys; fix them, or delete the file to generate new ones:\n- ${problems.join('\n- ')}`);
  }
  const signing = data['signing'] as SigningPrivateJwk;
  const kid = signing.kid ?? (await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: signing.x }, 'sha256'));
  return { signing: { kty: 'OKP', crv: 'Ed25519', x: signing.x, d: signing.d, kid }, operator: data['operator'] as OperatorPrivateJwk[] };
}

/** 32 bytes from canonical unpadded base64url, or undefined. */
function key32(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const bytes = fromBase64Url(value);
    return bytes.length === 32 && toBase64Url(bytes) === value ? bytes : undefined;
  } catch {
    return undefined;
  }
}

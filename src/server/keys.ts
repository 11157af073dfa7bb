/**
 * The server's keys: an Ed25519 key that signs challenge tokens, and a ring of X25519 operator keys
 * that open sealed blobs. The first operator key is the current one (new challenges carry it); the
 * others only open blobs sealed before a rotation.
 */
import { chmod, mkdir, open, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { bytesEqual, fromBase64Url, toBase64Url } from '../shared/bytes.js';
import { generateOperatorKey, privateKeyFromJwk, type OperatorPrivateJwk } from '../crypto/operator-key.js';
import { errorMessage, isRecord } from '../shared/guards.js';
import { fail } from './fail.js';

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
      problems.push(`${path}[${i}]: ${errorMessage(error)}`);
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

/** Options for {@link loadOrCreateKeyFile}. */
export interface KeyFileOptions {
  /**
   * The database folder (`database.dataDir`). The key file must live outside it: a backup or copy of
   * the data folder must not carry the key that opens the blobs in it.
   */
  dataDir?: string;
}

/**
 * Reads the key file at `path`, or creates it with a new signing key and one operator key when it
 * does not exist. Keys then survive restarts, so challenges issued before a restart still verify and
 * stored blobs still open.
 *
 * Permissions (not checked on Windows, where POSIX modes do not apply):
 * - a new file is created with mode 0600 (owner read/write only), and a folder it has to create with
 *   0700, whatever the process umask;
 * - an existing file that gives any permission to group or others is refused (fix: `chmod 600 <path>`);
 * - an existing folder is never changed, but one that group or others can write to is refused
 *   (fix: `chmod 700 <folder>`), since whoever can write there can swap the keys.
 *
 * Keep the key file outside the database folder and pass that folder as `options.dataDir`, so that a
 * backup of the data folder never carries the key that opens it; a key file inside it is refused.
 * @param path - where the keys live, e.g. "/etc/shop/face-verify-keys.json".
 * @param options - `dataDir`: the database folder the key file must stay out of.
 * @throws FaceVerifyError `invalid-argument` when the file exists but is not valid JSON or its keys are
 *   malformed (the message lists each problem; fix the file or delete it to start over, which makes
 *   blobs sealed to the old keys unreadable), when the file or its folder has unsafe permissions, or
 *   when the file is inside `options.dataDir`.
 */
export async function loadOrCreateKeyFile(path: string, options: KeyFileOptions = {}): Promise<KeyFile> {
  if (typeof path !== 'string' || path.trim() === '') {
    fail('invalid-argument', 'loadOrCreateKeyFile: `path` must be a file path, e.g. "/etc/shop/face-verify-keys.json"');
  }
  if (!isRecord(options)) fail('invalid-argument', 'loadOrCreateKeyFile: `options` must be an object like { dataDir }');
  const { dataDir } = options;
  if (dataDir !== undefined) {
    if (typeof dataDir !== 'string' || dataDir.trim() === '') {
      fail('invalid-argument', 'loadOrCreateKeyFile: `options.dataDir` must be the database folder path when given');
    }
    if (isInside(await realPathOf(path), await realPathOf(dataDir))) {
      fail(
        'invalid-argument',
        `loadOrCreateKeyFile: "${path}" is inside the database folder "${dataDir}"; a backup of the data folder must not carry the key that opens it. ` +
          `Keep the key file outside it, e.g. "${join(dirname(resolve(dataDir)), 'face-verify-keys.json')}"`,
      );
    }
  }
  const existing = await readKeyFile(path);
  if (existing) return existing;

  const folder = dirname(path);
  const created = await makeFolder(folder);
  if (!created) await checkFolder(folder);
  const keys: KeyFile = { signing: await generateSigningKey(), operator: [generateOperatorKey().privateJwk] };
  let file;
  try {
    // 'wx' never overwrites: if another process created the file meanwhile, use theirs.
    file = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const raced = await readKeyFile(path);
      if (raced) return raced;
    }
    fail('invalid-argument', `loadOrCreateKeyFile: could not create "${path}"; check that its folder is writable`, error);
  }
  try {
    // The umask may have cleared owner bits; set 0600 before any key is written.
    if (!onWindows()) await file.chmod(0o600);
    await file.writeFile(`${JSON.stringify(keys, null, 2)}\n`, 'utf8');
    await file.sync();
  } catch (error) {
    fail('invalid-argument', `loadOrCreateKeyFile: could not write "${path}"; check that its folder is writable and the disk is not full`, error);
  } finally {
    await file.close();
  }
  return keys;
}

function onWindows(): boolean {
  return process.platform === 'win32';
}

/**
 * Creates `folder` (and missing parents) as 0700 whatever the umask.
 * @returns whether any folder was created (false when it already existed).
 */
async function makeFolder(folder: string): Promise<boolean> {
  let first: string | undefined;
  try {
    first = await mkdir(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    fail('invalid-argument', `loadOrCreateKeyFile: could not create the folder "${folder}"; check that its parent is writable`, error);
  }
  if (first === undefined) return false;
  if (!onWindows()) {
    // mkdir returns the first folder it made; every one from there down to `folder` is ours.
    const top = resolve(first);
    for (let dir = resolve(folder); ; dir = dirname(dir)) {
      await chmod(dir, 0o700);
      if (dir === top || dirname(dir) === dir) break;
    }
  }
  return true;
}

/** Refuses an existing folder that group or others can write to (they could swap the key file). */
async function checkFolder(folder: string): Promise<void> {
  if (onWindows()) return;
  let mode: number;
  try {
    mode = (await stat(folder)).mode;
  } catch (error) {
    fail('invalid-argument', `loadOrCreateKeyFile: could not inspect the folder "${folder}"; check its permissions`, error);
  }
  if (mode & 0o022) {
    fail(
      'invalid-argument',
      `loadOrCreateKeyFile: the folder "${folder}" is writable by group or others (mode ${octal(mode)}), so they could replace the keys; ` +
        `run \`chmod 700 ${folder}\` or choose a private folder`,
    );
  }
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** The real path of `path` when it exists; else the real path of its nearest existing ancestor, joined with the rest. */
async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realPathOf(parent), basename(absolute));
  }
}

/** Whether `child` is `parent` or lies under it (both absolute). */
function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function readKeyFile(path: string): Promise<KeyFile | undefined> {
  let text: string;
  let mode: number;
  try {
    // Mode and content come from the same open file, so a swap in between cannot mix them.
    const file = await open(path, 'r');
    try {
      mode = (await file.stat()).mode;
      text = await file.readFile('utf8');
    } finally {
      await file.close();
    }
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
  if (!onWindows() && mode & 0o077) {
    fail(
      'invalid-argument',
      `loadOrCreateKeyFile: "${path}" is readable or writable by group or others (mode ${octal(mode)}); its keys open every sealed blob. ` +
        `Run \`chmod 600 ${path}\`, and rotate the keys if others may have read them`,
    );
  }
  await checkFolder(dirname(path));
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

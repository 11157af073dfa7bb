/**
 * Files only the demo's own user may read: folders 0700, files 0600, whatever the umask (mkdir and
 * open take a mode the umask can only narrow, so each is chmod-ed as well).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

const POSIX = process.platform !== 'win32';

/** Creates `dir` (and parents) and makes `dir` itself 0700, also when it already existed. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (POSIX) await chmod(dir, 0o700);
}

/** Creates `path` empty if missing and makes it 0600. */
export async function ensurePrivateFile(path: string): Promise<void> {
  const file = await open(path, 'a', 0o600);
  try {
    if (POSIX) await file.chmod(0o600);
  } finally {
    await file.close();
  }
}

/** Refuses a secret file that group or others may read (as loadOrCreateKeyFile does for keys). */
async function checkPrivate(path: string): Promise<void> {
  if (!POSIX) return;
  const { mode } = await stat(path);
  if (mode & 0o077) {
    throw new Error(`${path} is readable or writable by group or others (mode 0${(mode & 0o777).toString(8)}); run \`chmod 600 ${path}\``);
  }
}

/**
 * Reads the 32-byte secret in `path` (base64url text), or creates it: random, 0600, never overwriting
 * one another process wrote meanwhile. Its folder is created 0700 when missing.
 */
export async function loadOrCreateSecret(path: string): Promise<Uint8Array> {
  const read = async (): Promise<Uint8Array | undefined> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    await checkPrivate(path);
    const secret = Buffer.from(text.trim(), 'base64url');
    if (secret.length !== 32) throw new Error(`${path} does not hold a 32-byte base64url secret; delete it to make a new one`);
    return new Uint8Array(secret);
  };
  const existing = await read();
  if (existing) return existing;
  const dir = dirname(path);
  try {
    await stat(dir);
  } catch {
    await ensurePrivateDir(dir);
  }
  const secret = randomBytes(32);
  let file;
  try {
    file = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await read())!;
    throw error;
  }
  try {
    if (POSIX) await file.chmod(0o600);
    await file.writeFile(`${secret.toString('base64url')}\n`, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  return new Uint8Array(secret);
}

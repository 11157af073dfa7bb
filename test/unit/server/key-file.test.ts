/** loadOrCreateKeyFile's file-system hardening: modes, umask, folder checks and the data-folder rule. */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadOrCreateKeyFile } from '../../../src/server/keys.js';

const posix = process.platform !== 'win32';
let root: string;
let n = 0;

/** A fresh private (0700) folder for one test. */
async function freshDir(): Promise<string> {
  const dir = join(root, `case-${++n}`);
  await mkdir(dir, { mode: 0o700 });
  await chmod(dir, 0o700);
  return dir;
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'face-verify-key-file-'));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadOrCreateKeyFile hardening', { skip: posix ? false : 'POSIX modes only' }, () => {
  test('creates the key file 0600 and its new folders 0700 even with umask 0', async () => {
    const dir = await freshDir();
    const path = join(dir, 'secrets', 'inner', 'keys.json');
    const previous = process.umask(0);
    try {
      await loadOrCreateKeyFile(path);
    } finally {
      process.umask(previous);
    }
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(join(dir, 'secrets', 'inner'))).mode & 0o777, 0o700);
    assert.equal((await stat(join(dir, 'secrets'))).mode & 0o777, 0o700);
  });

  test('creates the key file 0600 even with a umask that would strip the owner bits', async () => {
    const dir = await freshDir();
    const path = join(dir, 'keys.json');
    const previous = process.umask(0o277);
    try {
      await loadOrCreateKeyFile(path);
    } finally {
      process.umask(previous);
    }
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  });

  test('refuses an existing 0644 key file with a message naming the path and `chmod 600`', async () => {
    const dir = await freshDir();
    const path = join(dir, 'keys.json');
    await loadOrCreateKeyFile(path);
    await chmod(path, 0o644);
    await assert.rejects(loadOrCreateKeyFile(path), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'invalid-argument');
      assert.ok(error.message.includes(`chmod 600 ${path}`), error.message);
      return true;
    });
    assert.equal((await stat(path)).mode & 0o777, 0o644, 'the file mode is left as it was');
  });

  test('refuses an existing key file that only others can read (mode 0604)', async () => {
    const dir = await freshDir();
    const path = join(dir, 'keys.json');
    await loadOrCreateKeyFile(path);
    await chmod(path, 0o604);
    await assert.rejects(loadOrCreateKeyFile(path), { code: 'invalid-argument', message: /chmod 600/ });
  });

  test('loads an existing 0600 key file and returns the same keys it created', async () => {
    const dir = await freshDir();
    const path = join(dir, 'keys.json');
    const created = await loadOrCreateKeyFile(path);
    const loaded = await loadOrCreateKeyFile(path);
    assert.deepEqual(loaded, created);
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), created);
  });

  test('leaves an existing private folder mode alone (0750 stays 0750)', async () => {
    const dir = await freshDir();
    await chmod(dir, 0o750);
    await loadOrCreateKeyFile(join(dir, 'keys.json'));
    assert.equal((await stat(dir)).mode & 0o777, 0o750);
  });

  test('refuses to create a key file in an existing group-writable folder, naming `chmod 700 <dir>`, and writes nothing', async () => {
    const dir = await freshDir();
    await chmod(dir, 0o770);
    const path = join(dir, 'keys.json');
    await assert.rejects(loadOrCreateKeyFile(path), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'invalid-argument');
      assert.ok(error.message.includes(`chmod 700 ${dir}`), error.message);
      return true;
    });
    await assert.rejects(stat(path), { code: 'ENOENT' });
    assert.equal((await stat(dir)).mode & 0o777, 0o770, 'the folder mode is left as it was');
  });

  test('refuses to load a 0600 key file from a folder others can write to', async () => {
    const dir = await freshDir();
    const path = join(dir, 'keys.json');
    await loadOrCreateKeyFile(path);
    await chmod(dir, 0o707);
    await assert.rejects(loadOrCreateKeyFile(path), { code: 'invalid-argument', message: /chmod 700/ });
  });

  test('refuses a key file inside options.dataDir (even nested) and creates nothing there', async () => {
    const dataDir = await freshDir();
    for (const path of [join(dataDir, 'keys.json'), join(dataDir, 'sub', 'keys.json'), join(dataDir, '.', 'x', '..', 'keys.json')]) {
      await assert.rejects(loadOrCreateKeyFile(path, { dataDir }), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'invalid-argument');
        assert.match(error.message, /backup of the data folder must not carry the key/);
        assert.match(error.message, /outside/);
        return true;
      });
    }
    await assert.rejects(stat(join(dataDir, 'keys.json')), { code: 'ENOENT' });
    await assert.rejects(stat(join(dataDir, 'sub')), { code: 'ENOENT' });
  });

  test('accepts a key file next to (not inside) options.dataDir, including a sibling whose name starts with it', async () => {
    const dir = await freshDir();
    const dataDir = join(dir, 'data');
    await loadOrCreateKeyFile(join(dir, 'keys.json'), { dataDir });
    await loadOrCreateKeyFile(join(dir, 'data-keys', 'keys.json'), { dataDir });
  });

  test('refuses a malformed (non-JSON) 0600 key file and leaves it untouched', async () => {
    const dir = await freshDir();
    const path = join(dir, 'keys.json');
    await writeFile(path, '{not json', { mode: 0o600 });
    await assert.rejects(loadOrCreateKeyFile(path), { code: 'invalid-argument', message: /not valid JSON/ });
    assert.equal(await readFile(path, 'utf8'), '{not json');
  });

  test('refuses a 0600 key file whose JSON does not hold keys, listing the problems', async () => {
    const dir = await freshDir();
    const path = join(dir, 'keys.json');
    await writeFile(path, JSON.stringify({ signing: { kty: 'OKP' }, operator: [] }), { mode: 0o600 });
    await assert.rejects(loadOrCreateKeyFile(path), { code: 'invalid-argument', message: /signing\.x[\s\S]*operator/ });
  });
});

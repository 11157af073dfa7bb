// A throwaway PostgreSQL server for the test suite: initdb into a temporary folder, start it on
// 127.0.0.1 on a free port, hand back its URL and a stop() that shuts it down and removes the
// folder. It is stopped as well when this process exits or is told to stop (SIGINT, SIGTERM,
// SIGHUP) without calling stop(), so an interrupted run leaves no server behind. It needs Debian's postgresql package and pgvector (bash .ci/run installs both); as root
// (CI containers) the server runs as the `postgres` user, since PostgreSQL refuses to run as root.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest installed PostgreSQL's bin folder and whether pgvector is installed for it, or why not. */
export function findPostgres() {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) return { missing: 'PostgreSQL is not installed (apt-get install postgresql-15)' };
  const version = versions[0];
  if (!existsSync(`/usr/share/postgresql/${version}/extension/vector.control`)) {
    return { missing: `pgvector is not installed for PostgreSQL ${version} (bash .ci/run builds it from Debian's source package)` };
  }
  return { bin: join(base, version, 'bin'), version };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server. @returns { url, stop } */
export async function startPostgres() {
  const found = findPostgres();
  if (found.missing) throw new Error(found.missing);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'fv-postgres-'));
  const run = (tool, args) => {
    const command = asRoot ? 'runuser' : join(found.bin, tool);
    const full = asRoot ? ['-u', 'postgres', '--', join(found.bin, tool), ...args] : args;
    execFileSync(command, full, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    // fsync off: a test database that dies with its server loses nothing anyone wants.
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`, 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (signal) => {
    stop();
    // Then die of the signal as the process would have without this listener.
    process.kill(process.pid, signal);
  };
  function stop() {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    for (const signal of signals) process.off(signal, onSignal);
    const command = asRoot ? 'runuser' : join(found.bin, 'pg_ctl');
    const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
    spawnSync(command, asRoot ? ['-u', 'postgres', '--', join(found.bin, 'pg_ctl'), ...args] : args, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
  process.once('exit', stop);
  for (const signal of signals) process.once(signal, onSignal);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

// `node scripts/postgres.mjs -- <command…>`: runs the command with FACE_VERIFY_TEST_DATABASE_URL set.
if (import.meta.url === `file://${process.argv[1]}`) {
  const dash = process.argv.indexOf('--');
  const command = dash >= 0 ? process.argv.slice(dash + 1) : [];
  if (command.length === 0) {
    console.error('usage: node scripts/postgres.mjs -- <command> [args…]');
    process.exit(2);
  }
  const server = await startPostgres();
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, FACE_VERIFY_TEST_DATABASE_URL: server.url } });
  const code = await new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`${command[0]}: ${error.message}`);
      resolve(127);
    });
    child.once('close', (status, signal) => resolve(status ?? (signal ? 128 : 1)));
  });
  server.stop();
  process.exit(code);
}

#!/usr/bin/env node
// `npm test`: every suite in turn (Node unit, browser, end-to-end), each one's own output shown as
// it runs, then one line that sums them: "N passed, N failed". Exits non-zero if anything failed or
// a suite could not run at all (a suite that crashes counts as one failure, never as zero tests).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgres, startPostgres } from './postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, '.cache/test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const only = process.argv.slice(2);

function run(command, args, env = {}) {
  return new Promise((resolvePromise) => {
    let output = '';
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
};

// Node 20's test runner does not expand globs itself, so list the files here.
const unitFiles = readdirSync(join(root, 'test/unit'), { recursive: true })
  .filter((f) => String(f).endsWith('.test.ts'))
  .map((f) => join('test/unit', String(f)))
  .sort();

/** Runs node:test files; the counts come from its TAP summary. */
async function nodeTests(name, files, env = {}) {
  const tapFile = join(results, `${name}.tap`);
  const { code } = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...files], env);
  const tap = readFileSync(tapFile, 'utf8');
  const count = (key) => Number(tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? NaN);
  failures.push(...tapFailures(name, tap));
  return { code, passed: count('pass'), failed: count('fail') + count('cancelled') };
}

/** What failed, repeated at the very end where a CI log's tail shows it: each test and its error. */
const failures = [];
function tapFailures(suite, tap) {
  const lines = tap.split('\n');
  const found = [];
  lines.forEach((line, i) => {
    const failed = line.match(/^\s*not ok \d+ - (.*)$/);
    if (!failed) return;
    const block = lines.slice(i + 1, i + 40);
    const end = block.findIndex((l) => /^\s*\.\.\.$/.test(l));
    // A suite that failed because a test inside it did repeats nothing new.
    if (block.slice(0, end).some((l) => /failureType: 'subtestsFailed'/.test(l))) return;
    const yaml = block.slice(0, end);
    // A multi-line message is written `error: |-` with the text on the lines below.
    const error = yaml.flatMap((l, k) => (/^\s*error: [|>]-?$/.test(l) ? yaml.slice(k + 1, k + 4) : /^\s*(error|code|expected|actual):/.test(l) ? [l] : [])).map((l) => l.trim().slice(0, 300));
    found.push(`${suite}: ${failed[1]}\n    ${error.join('\n    ')}`);
  });
  return found;
}

// The suites that touch the database (through test/unit/server/test-database.ts) run a second time
// on a real PostgreSQL + pgvector server, started here and stopped afterwards.
const databaseFiles = unitFiles.filter((f) => /test-database\.js'|from '\.\/helpers\.js'/.test(readFileSync(join(root, f), 'utf8')));

const suites = [
  { name: 'unit', run: () => nodeTests('unit', unitFiles) },
  {
    name: 'postgres',
    async run() {
      const found = findPostgres();
      if (found.missing) {
        // CI installs it (bash .ci/run) and sets FACE_VERIFY_REQUIRE_POSTGRES, so there it is a failure.
        const required = process.env.FACE_VERIFY_REQUIRE_POSTGRES === '1';
        console.log(`postgres: ${required ? 'FAILED' : 'not run'}: ${found.missing}`);
        return { code: required ? 1 : 0, passed: 0, failed: required ? 1 : 0 };
      }
      const server = await startPostgres();
      console.log(`postgres: PostgreSQL ${found.version} with pgvector at ${server.url}; ${databaseFiles.length} files`);
      try {
        return await nodeTests('postgres', databaseFiles, { FACE_VERIFY_TEST_DATABASE_URL: server.url });
      } finally {
        server.stop();
      }
    },
  },
  {
    name: 'browser',
    async run() {
      const { code } = await run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], { FV_TEST_RESULTS: join(results, 'browser.json') });
      const summary = readJson(join(results, 'browser.json'));
      return { code, passed: summary?.passed ?? NaN, failed: summary?.failed ?? NaN };
    },
  },
  {
    name: 'e2e',
    async run() {
      const build = await run('npm', ['run', 'build']);
      if (build.code !== 0) return { code: build.code, passed: 0, failed: NaN };
      const { code } = await run('npx', ['playwright', 'test', '--config', 'playwright.config.ts'], { PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'e2e.json') });
      const stats = readJson(join(results, 'e2e.json'))?.stats;
      return { code, passed: stats ? stats.expected + stats.flaky : NaN, failed: stats ? stats.unexpected : NaN };
    },
  },
];

const model = await run(process.execPath, ['scripts/fetch-model.mjs']);
let passed = 0;
let failed = model.code === 0 ? 0 : 1;
const lines = [];
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  console.log(`\n=== ${suite.name} ===`);
  const r = await suite.run();
  // A suite that exits non-zero but reports no failures (a crash, a config error) is one failure.
  const suiteFailed = Number.isNaN(r.failed) || (r.code !== 0 && r.failed === 0) ? Math.max(1, r.failed || 0) : r.failed;
  const suitePassed = Number.isNaN(r.passed) ? 0 : r.passed;
  passed += suitePassed;
  failed += suiteFailed;
  lines.push(`${suite.name}: ${suitePassed} passed, ${suiteFailed} failed${r.code !== 0 ? ` (exit ${r.code})` : ''}`);
}
if (failures.length) console.log(`\nfailed:\n${failures.slice(0, 20).join('\n')}`);
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

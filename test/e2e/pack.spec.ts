/**
 * The package as `npm pack` makes it from the build (`npm run build` first; the e2e suite runs after
 * it): it installs into a fresh folder from the tarball (dependencies from npm's cache), its entry
 * points resolve in Node and its types with tsc, it carries the assets the element loads at run time,
 * and nothing that must not ship (tests, fixtures, sources, the cache) is in it.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test.describe.configure({ timeout: 120_000 });

let work: string;
let tarball: string;
let entries: string[];
/** A fresh host project with the tarball installed. */
let app: string;

test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'face-verify-pack-'));
  run('npm', ['pack', '--pack-destination', work, '--silent'], root);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  // tar's own listing, not npm's report of what it packed.
  entries = run('tar', ['-tzf', tarball], work).split('\n').filter(Boolean);
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-host', private: true, type: 'module' }));
  const install = ['install', tarball, '--no-audit', '--no-fund', '--silent'];
  try {
    run('npm', [...install, '--offline'], app);
  } catch {
    // A dependency missing from npm's cache: the registry may fill it in.
    run('npm', [...install, '--prefer-offline'], app);
  }
});

test.afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the tarball carries the MediaPipe wasm, the models and custom-elements.json', () => {
  for (const file of [
    'package/package.json',
    'package/dist/custom-elements.json',
    'package/dist/mediapipe/vision_wasm_module_internal.wasm',
    'package/dist/mediapipe/vision_wasm_module_internal.js',
    'package/dist/models/face_landmarker.task',
    'package/dist/models/face_recognition_model.bin',
    'package/dist/models/face_recognition_model-weights_manifest.json',
  ]) {
    expect(entries, file).toContain(file);
  }
});

test('the tarball holds no tests, fixtures, sources or cache', () => {
  const forbidden = entries.filter((e) => /^package\/(test|src|\.cache|demo|bench|eval|shared)\//.test(e) || /fixture/i.test(e));
  expect(forbidden).toEqual([]);
});

test('installed from the tarball, face-verify/server imports and face-verify, face-verify/define.js resolve in Node', () => {
  const script = `
    const server = await import('face-verify/server');
    console.log(JSON.stringify({
      server: typeof server.FaceVerifyServer,
      element: import.meta.resolve('face-verify'),
      define: import.meta.resolve('face-verify/define.js'),
    }));`;
  const result = JSON.parse(run('node', ['--input-type=module', '-e', script], app)) as Record<string, string>;
  expect(result['server']).toBe('function');
  const installed = `file://${join(app, 'node_modules/face-verify/dist')}`;
  expect(result['element']).toBe(`${installed}/index.js`);
  expect(result['define']).toBe(`${installed}/define.js`);
});

test('installed from the tarball, the types of face-verify, /server, /react and /vue resolve with tsc', () => {
  writeFileSync(
    join(app, 'host.ts'),
    [
      "import { FaceVerifyServer } from 'face-verify/server';",
      "import { FaceVerify } from 'face-verify';",
      "import type {} from 'face-verify/react';",
      "import type {} from 'face-verify/vue';",
      'export const server: typeof FaceVerifyServer = FaceVerifyServer;',
      'export const element: CustomElementConstructor = FaceVerify;',
    ].join('\n'),
  );
  // The host has no React, Vue or @types/node: skipLibCheck, as such a host compiles.
  const options = { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2023', 'dom'], skipLibCheck: true, types: [] };
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['host.ts'] }));
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], app);
});

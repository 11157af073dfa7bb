// Browser tests in Debian's Chromium (never a downloaded browser), one group per fake camera.
//
// Layout: test/browser/<fakecam-name>/**/*.test.ts runs in a Chromium whose webcam plays
// ../shared/media/fakecam/<fakecam-name>.mjpeg (looped, 640×480, 30 fps). Fake-camera names are
// snake_case (still_face, two_faces, moving_face_hill…): a folder with a '_' in its name IS a camera
// group, and its file must exist, or this config throws. Folders without '_' (element/, capture/,
// vision/…) and test files directly in test/browser/ run in the group "synthetic_camera" (the name
// "default" is reserved by the runner) with Chromium's built-in test-pattern camera. helpers/ holds
// no tests. Run one group: `npx web-test-runner --config web-test-runner.config.mjs --group still_face`.
//
// /fv-assets/ serves the self-hosted assets the way the build lays them out (see
// src/vision/assets.ts); /fv-test-assets/<case>/ serves broken variants for the error tests.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { testBackend } from './test/browser/backend.mjs';
import { resultsReporter } from './test/browser/results-reporter.mjs';
import { CHROMIUM_PATH, chromiumArgs } from './test/chromium.mjs';
import { FIREFOX, FIREFOX_PREFS, FIREFOX_REQUIRED } from './test/firefox.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const browserTests = join(root, 'test/browser');
// Relative to this file, so a checkout anywhere works as long as shared/ sits beside it.
const fakecamDir = resolve(root, '../shared/media/fakecam');
const wasmDir = join(root, 'node_modules/@mediapipe/tasks-vision/wasm');
const tfjsWasmDir = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const modelsDir = join(root, '.cache/models');
const MODEL_FILE = 'face_landmarker.task';
const DESCRIPTOR_WEIGHTS_FILE = 'face_recognition_model.bin';

const CHROMIUM = CHROMIUM_PATH;

function chromium(extraFlags = []) {
  return playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath: CHROMIUM, headless: true, args: [...chromiumArgs(), ...extraFlags] },
  });
}

const isTestFile = (name) => /\.test\.(ts|js|mjs)$/.test(name);
function hasTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? hasTests(join(dir, entry.name)) : isTestFile(entry.name),
  );
}

const groups = [];
const defaultFiles = [];
if (existsSync(browserTests)) {
  for (const entry of readdirSync(browserTests, { withFileTypes: true })) {
    const path = join(browserTests, entry.name);
    if (!entry.isDirectory()) {
      if (isTestFile(entry.name)) defaultFiles.push(relative(root, path));
      continue;
    }
    if (entry.name === 'helpers' || !hasTests(path)) continue;
    const glob = `${relative(root, path)}/**/*.test.{ts,js,mjs}`;
    if (!entry.name.includes('_')) {
      defaultFiles.push(glob);
      continue;
    }
    const camera = join(fakecamDir, `${entry.name}.mjpeg`);
    if (!existsSync(camera) || !statSync(camera).isFile()) {
      throw new Error(
        `web-test-runner.config.mjs: test/browser/${entry.name}/ needs the fake camera ${camera}, which does not exist. ` +
          `Available: ${existsSync(fakecamDir) ? readdirSync(fakecamDir).join(', ') : `none (${fakecamDir} is missing)`}.`,
      );
    }
    groups.push({
      name: entry.name,
      files: [glob],
      browsers: [chromium([`--use-file-for-fake-video-capture=${camera}`])],
    });
  }
}
if (defaultFiles.length > 0) groups.push({ name: 'synthetic_camera', files: defaultFiles, browsers: [chromium()] });

/** Firefox through puppeteer-core (WebDriver BiDi); named so the output does not call it "Chrome". */
function firefox(executablePath) {
  const launcher = chromeLauncher({ launchOptions: { browser: 'firefox', executablePath, headless: true, extraPrefsFirefox: FIREFOX_PREFS } });
  launcher.name = 'Firefox';
  return launcher;
}
// The element's consent, language, session and receipt steps and the outbox again in Firefox ESR.
// Not the suites that run face landmarking: headless Firefox gives a worker no WebGL context, and
// MediaPipe's wasm asks for one even on the CPU delegate ("GLctx is undefined"), so every file that
// reaches guidance fails there for a reason outside our code; nor a11y.test.ts, whose
// prefers-color-scheme emulation is CDP-only. The face-video groups stay Chromium-only because
// Firefox's fake camera cannot play a file. Measured 2026-12-05: see README "Browsers".
const FIREFOX_FILES = [
  'test/browser/element/consent.test.ts',
  'test/browser/element/languages.test.ts',
  'test/browser/element/receipt-download.test.ts',
  'test/browser/element/session-and-consent.test.ts',
  'test/browser/transport/outbox.test.ts',
].filter((file) => existsSync(join(root, file)));
if ('missing' in FIREFOX) {
  if (FIREFOX_REQUIRED) throw new Error(`web-test-runner.config.mjs: FACE_VERIFY_REQUIRE_FIREFOX=1 but ${FIREFOX.missing}`);
  console.log(`firefox: not run: ${FIREFOX.missing}`);
} else if (FIREFOX_FILES.length > 0) {
  console.log(`firefox: ${FIREFOX_FILES.length} files in Firefox ESR; the landmarking suites are Chromium-only (headless Firefox gives workers no WebGL, which MediaPipe needs)`);
  groups.push({ name: 'firefox', files: FIREFOX_FILES, browsers: [firefox(FIREFOX.path)] });
}

const CONTENT_TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.task': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.json': 'application/json',
};

/** Serves `file` (or 404 when it is not there) without passing it through the dev server's plugins. */
function sendFile(ctx, file) {
  if (!existsSync(file) || !statSync(file).isFile()) {
    ctx.status = 404;
    ctx.body = `not found: ${ctx.path}`;
    return;
  }
  ctx.status = 200;
  ctx.type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = createReadStream(file);
}

/** Maps '/prefix/rest' to a file under `dir`, refusing paths that climb out of it. */
function under(dir, rest) {
  const file = resolve(dir, decodeURIComponent(rest));
  return file.startsWith(dir + '/') ? file : null;
}

function serveAssets(ctx, next) {
  const match = /^\/(fv-assets|fv-test-assets\/([a-z-]+))\/(mediapipe|models|tfjs)\/(.+)$/.exec(ctx.path);
  if (!match) return next();
  const [, , testCase, folder, rest] = match;
  if (folder === 'tfjs') return sendFile(ctx, /^tfjs-backend-wasm(-simd)?\.wasm$/.test(rest) ? join(tfjsWasmDir, rest) : '');
  if (folder === 'mediapipe') {
    if (testCase === 'no-wasm') return sendFile(ctx, join(wasmDir, 'missing-on-purpose'));
    return sendFile(ctx, under(wasmDir, rest) ?? '');
  }
  // models/
  if (testCase === 'no-model') return sendFile(ctx, join(modelsDir, 'missing-on-purpose'));
  if (testCase === 'corrupt-model' && (rest === MODEL_FILE || rest === DESCRIPTOR_WEIGHTS_FILE)) {
    // The real file with one byte flipped in the middle: same size, wrong hash.
    const bytes = readFileSync(join(modelsDir, rest));
    bytes[bytes.length >> 1] ^= 0xff;
    ctx.status = 200;
    ctx.type = CONTENT_TYPES['.task'];
    ctx.set('Cache-Control', 'no-store');
    ctx.body = bytes;
    return undefined;
  }
  if (testCase === 'html-fallback') {
    // What a single-page-app server does for an unknown path: 200 with its index page.
    ctx.status = 200;
    ctx.type = 'text/html';
    ctx.body = '<!doctype html><html><body>app</body></html>';
    return undefined;
  }
  return sendFile(ctx, under(modelsDir, rest) ?? '');
}

if (!existsSync(join(modelsDir, MODEL_FILE))) {
  throw new Error(`web-test-runner.config.mjs: ${join(modelsDir, MODEL_FILE)} is missing; run \`npm run model\` first.`);
}

/**
 * Serves CommonJS files as ES modules with the named exports their importers use. The commonjs
 * plugin gets these wrong: long@4 sets `module.exports = Long` first and its statics after; the wasm
 * backend's emscripten loaders are UMD that test `typeof exports`, and its worker file is one string
 * export whose text contains `require` calls.
 */
function commonjsByHand() {
  const files = [
    { suffix: '/node_modules/long/src/long.js', names: [] },
    { suffix: '/node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js', names: ['wasmWorkerContents'] },
    { suffix: '/node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.js', names: [] },
    { suffix: '/node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js', names: [] },
  ];
  return {
    name: 'commonjs-by-hand',
    transform(context) {
      const file = files.find((f) => context.path.endsWith(f.suffix));
      if (!file) return undefined;
      const named = file.names.map((n) => `export const ${n} = module.exports.${n};\n`).join('');
      return { body: `const module = { exports: {} };\nconst exports = module.exports;\n${context.body}\n${named}export default module.exports;\n` };
    },
  };
}

export default {
  rootDir: root,
  nodeResolve: true,
  groups,
  plugins: [
    // tfjs-core and its wasm backend import CommonJS (long, seedrandom, the backend's emscripten glue); Vite converts them in the build,
    // the dev server needs to be told.
    commonjsByHand(),
    fromRollup(rollupCommonjs)({ include: ['**/node_modules/seedrandom/**'], ignore: ['crypto'] }),
    esbuildPlugin({ ts: true, tsconfig: join(root, 'tsconfig.json'), target: 'es2022' }),
  ],
  // testBackend: the real face-verify/server on in-memory PGlite, for the element tests.
  middleware: [serveAssets, testBackend],
  reporters: [defaultReporter(), resultsReporter()],
  // Two cores: one browser at a time, one page at a time. Vision tests are CPU-bound (landmarking
  // takes most of a core) and several pages would share one fake camera.
  concurrentBrowsers: 1,
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 60_000 } },
};

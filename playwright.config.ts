import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, CHROMIUM_PATH, fakeCamera } from './test/chromium.mjs';

const PORT = Number(process.env['E2E_PORT'] ?? 8791);
/** The second demo, in the zero-upload mode, on the next port. */
const EMBEDDING_PORT = PORT + 1;
/** The host-framework pages (test/hosts/server.ts); PORT + 2 is the outbox spec's own backend. */
const HOSTS_PORT = PORT + 3;
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * End-to-end: the built demo (`npm run build` first; `npm test` does it) with its real backend on a
 * fresh PGlite folder, driven in Debian's Chromium whose webcam is a real face video. Two demos run:
 * clip mode (demo-flow.spec.ts) and the zero-upload mode (embedding-flow.spec.ts), each its own
 * project, port and data folder.
 */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  outputDir: '.cache/playwright',
  projects: [
    { name: 'clip', testMatch: ['demo-flow.spec.ts', 'csp.spec.ts', 'keyboard.spec.ts', 'themes.spec.ts'], use: { baseURL: `http://127.0.0.1:${PORT}` } },
    { name: 'embedding', testMatch: 'embedding-flow.spec.ts', use: { baseURL: `http://127.0.0.1:${EMBEDDING_PORT}` } },
    // Phones: small touch viewports (each test sets 360×640 or 390×844) against the clip-mode demo.
    { name: 'phone', testMatch: 'phone.spec.ts', use: { baseURL: `http://127.0.0.1:${PORT}`, isMobile: true, hasTouch: true, viewport: { width: 360, height: 640 } } },
    // Two fake test-pattern cameras (no face: the flow stays in guidance, where the picker is).
    {
      name: 'cameras',
      testMatch: 'camera-switch.spec.ts',
      use: {
        baseURL: `http://127.0.0.1:${PORT}`,
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...chromiumArgs().filter((a) => a !== '--use-fake-device-for-media-stream'), '--use-fake-device-for-media-stream=device-count=2'],
        },
      },
    },
    // Starts (and restarts) its own demo backend on PORT + 2: it needs to kill it mid-session.
    { name: 'outbox', testMatch: 'outbox.spec.ts' },
    // The host pages, and the npm pack test (it needs dist/, which the e2e suite builds first).
    { name: 'hosts', testMatch: ['hosts.spec.ts', 'pack.spec.ts'], use: { baseURL: `http://127.0.0.1:${HOSTS_PORT}` } },
  ],
  use: {
    launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs(fakeCamera('moving_face')) },
    permissions: ['camera'],
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: 'rm -rf .cache/e2e-data .cache/e2e-data-secrets && node --import tsx demo/server/main.ts',
      cwd: root,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      // The stand-in camera plays the katiehill clip, which turns both ways and looks up.
      env: { PORT: String(PORT), DEMO_DATA_DIR: '.cache/e2e-data', OPERATOR_KEY: 'e2e-operator-key', DEMO_LIVENESS_ACTIONS: 'turn-left,turn-right,look-up' },
    },
    {
      command: 'rm -rf .cache/e2e-embedding .cache/e2e-embedding-secrets && node --import tsx demo/server/main.ts',
      cwd: root,
      url: `http://127.0.0.1:${EMBEDDING_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      // Both people of the embedding tests (katiehill, d12) turn to both sides.
      env: { PORT: String(EMBEDDING_PORT), DEMO_MODE: 'embedding', DEMO_DATA_DIR: '.cache/e2e-embedding', OPERATOR_KEY: 'e2e-operator-key', DEMO_LIVENESS_ACTIONS: 'turn-left,turn-right' },
    },
    {
      // The host pages (test/hosts/pages) in front of a demo backend of their own, on a fresh data folder.
      command: 'node --import tsx test/hosts/server.ts',
      cwd: root,
      url: `http://127.0.0.1:${HOSTS_PORT}/hosts/plain.html`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: { PORT: String(HOSTS_PORT) },
    },
  ],
});

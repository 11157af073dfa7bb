// How every browser suite launches the machine's own Chromium (test tools may not download their
// own) and feeds it a real face video as the webcam. Fixtures are read from ../shared, never copied here.
// Plain JavaScript so both playwright.config.ts and web-test-runner.config.mjs can import it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findBrowser } from './find-browser.mjs';

/**
 * The Chromium every suite drives: CHROME_PATH or CHROMIUM_PATH, else the usual install places and
 * PATH (test/find-browser.mjs). Importing this module without one throws the error that says what
 * to install, since no suite here can run without it.
 */
export const CHROMIUM_PATH = findBrowser('chromium');

/** ../shared/media/fakecam, relative to this file so any checkout with shared/ beside it works. */
export const FAKECAM_DIR = fileURLToPath(new URL('../../shared/media/fakecam/', import.meta.url));

/**
 * The path of a fake-camera file; throws when the fixture is missing.
 * @param {string} name e.g. "moving_face"
 * @returns {string}
 */
export function fakeCamera(name) {
  const path = `${FAKECAM_DIR}${name}.mjpeg`;
  if (!existsSync(path)) {
    throw new Error(`Fake camera file ${path} is missing: the test fixtures in ../shared/media must sit beside the repo.`);
  }
  return path;
}

/**
 * Flags that work as root in a container, keep Chromium off the network, and fake the camera.
 * @param {string} [cameraFile] a .mjpeg/.y4m to play as the webcam; Chromium's test pattern otherwise
 * @returns {string[]}
 */
export function chromiumArgs(cameraFile) {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    ...(cameraFile ? [`--use-file-for-fake-video-capture=${cameraFile}`] : []),
  ];
}

// How the browser suites launch the machine's own Firefox (Debian's firefox-esr in CI) through
// puppeteer-core over WebDriver BiDi: Playwright needs its own patched Firefox and cannot drive ESR.
// Firefox's fake camera is a synthetic pattern with no face and cannot play a file, so only the
// synthetic-camera suites run here.
import { locateBrowser } from './find-browser.mjs';

/** The Firefox found by test/find-browser.mjs, or why there is none ({ missing }). */
export const FIREFOX = locateBrowser('firefox');

/** True where a missing Firefox must fail the run (CI sets it) instead of being reported and skipped. */
export const FIREFOX_REQUIRED = process.env.FACE_VERIFY_REQUIRE_FIREFOX === '1';

/** Prefs that fake the camera without a permission prompt and keep Firefox off the network. */
export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'app.update.enabled': false,
  'extensions.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
};

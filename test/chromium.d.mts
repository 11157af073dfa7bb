/** Types for test/chromium.mjs (plain JS so the .mjs test-runner config can import it too). */
/** The Chromium found by test/find-browser.mjs (CHROME_PATH, CHROMIUM_PATH, install places, PATH). */
export declare const CHROMIUM_PATH: string;
export declare const FAKECAM_DIR: string;
export declare function fakeCamera(name: string): string;
export declare function chromiumArgs(cameraFile?: string): string[];

/** Types for test/firefox.mjs. */
import type { Found, Missing } from './find-browser.mjs';
export declare const FIREFOX: Found | Missing;
export declare const FIREFOX_REQUIRED: boolean;
export declare const FIREFOX_PREFS: Record<string, boolean | number | string>;

/** Types for test/find-browser.mjs (plain JS so the .mjs test-runner config can import it too). */
export type BrowserKind = 'chromium' | 'firefox';
export interface SearchOptions {
  /** The environment to read the variables and PATH from; process.env by default. */
  env?: Record<string, string | undefined>;
  /** process.platform by default: 'linux', 'darwin', 'win32'. */
  platform?: string;
  /** Whether a path is an executable file; the real file system by default. */
  exists?: (path: string) => boolean;
}
export interface Found {
  path: string;
  /** The variable that named it, 'install location' or 'PATH'. */
  source: string;
}
export interface Missing {
  /** What was searched, what to install and which variable to set. */
  missing: string;
}
export declare function browserCandidates(kind: BrowserKind, options?: SearchOptions): Found[];
export declare function locateBrowser(kind: BrowserKind, options?: SearchOptions): Found | Missing;
export declare function findBrowser(kind: BrowserKind, options?: SearchOptions): string;

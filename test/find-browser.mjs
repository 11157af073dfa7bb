// Finds the Chromium or Firefox that a developer or CI machine already has, the way users have one:
// an environment variable first, then the places each platform's packages install to, then PATH.
// No test tool may download a browser here, so a miss ends in an error that names what to install
// and which variable to set. The search itself is pure (the file checks and the environment are
// injected) so test/unit/tooling/ can test it in Node without any browser installed.
import { accessSync, constants, statSync } from 'node:fs';

/**
 * @typedef {'chromium' | 'firefox'} BrowserKind
 * @typedef {{ env?: Record<string, string | undefined>, platform?: string, exists?: (path: string) => boolean }} SearchOptions
 * @typedef {{ path: string, source: string }} Found
 * @typedef {{ missing: string }} Missing
 */

/** Per browser: the variables that name it, its fixed install paths per platform, its names on PATH, and how to install it. */
const BROWSERS = {
  chromium: {
    label: 'Chromium',
    // CHROME_PATH is what puppeteer-based tools and Lighthouse read; CHROMIUM_PATH is this project's older name.
    variables: ['CHROME_PATH', 'CHROMIUM_PATH'],
    paths: {
      linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
      darwin: [
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '~/Applications/Chromium.app/Contents/MacOS/Chromium',
        '~/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ],
      win32: ['%PROGRAMFILES%\\Google\\Chrome\\Application\\chrome.exe', '%PROGRAMFILES(X86)%\\Google\\Chrome\\Application\\chrome.exe', '%LOCALAPPDATA%\\Google\\Chrome\\Application\\chrome.exe', '%LOCALAPPDATA%\\Chromium\\Application\\chrome.exe'],
    },
    names: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'],
    install: 'Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium',
  },
  firefox: {
    label: 'Firefox',
    variables: ['FIREFOX_PATH'],
    paths: {
      linux: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox', '/snap/bin/firefox'],
      darwin: ['/Applications/Firefox.app/Contents/MacOS/firefox', '~/Applications/Firefox.app/Contents/MacOS/firefox'],
      win32: ['%PROGRAMFILES%\\Mozilla Firefox\\firefox.exe', '%PROGRAMFILES(X86)%\\Mozilla Firefox\\firefox.exe'],
    },
    names: ['firefox-esr', 'firefox'],
    install: 'Debian/Ubuntu: apt-get install firefox-esr; macOS: brew install --cask firefox',
  },
};

/** True for an existing file this process may execute (what `which` accepts). */
function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    // Windows has no execute bit; the file being there is what counts.
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Replaces `~/` and `%NAME%` with the home folder and environment values; null when one is unset. */
function expand(template, env) {
  let unset = false;
  const path = template
    .replace(/^~(?=\/)/, () => env.HOME ?? ((unset = true), ''))
    .replace(/%([^%]+)%/g, (_, name) => env[name] ?? ((unset = true), ''));
  return unset ? null : path;
}

/**
 * Every place the search looks, in order: the variables' values, the platform's install paths, then
 * each PATH folder with each of the browser's names (which is what `which` does).
 * @param {BrowserKind} kind
 * @param {SearchOptions} [options]
 * @returns {{ path: string, source: string }[]}
 */
export function browserCandidates(kind, { env = process.env, platform = process.platform } = {}) {
  const browser = BROWSERS[kind];
  if (!browser) throw new Error(`browserCandidates: kind must be one of ${Object.keys(BROWSERS).join(', ')}, not ${JSON.stringify(kind)}`);
  const windows = platform === 'win32';
  const installed = (browser.paths[platform] ?? []).map((p) => expand(p, env)).filter((p) => p !== null);
  const dirs = (env.PATH ?? env.Path ?? '').split(windows ? ';' : ':').filter(Boolean);
  const onPath = dirs.flatMap((dir) => browser.names.map((name) => `${dir}${windows ? '\\' : '/'}${name}${windows ? '.exe' : ''}`));
  return [...installed.map((path) => ({ path, source: 'install location' })), ...onPath.map((path) => ({ path, source: 'PATH' }))];
}

/**
 * Looks for `kind`. A variable that is set wins and must point at the browser: a typo there is an
 * error, never a silent fall back to another browser.
 * @param {BrowserKind} kind
 * @param {SearchOptions} [options]
 * @returns {Found | Missing}
 */
export function locateBrowser(kind, options = {}) {
  const { env = process.env, exists = isExecutableFile } = options;
  const browser = BROWSERS[kind];
  if (!browser) throw new Error(`locateBrowser: kind must be one of ${Object.keys(BROWSERS).join(', ')}, not ${JSON.stringify(kind)}`);
  const variables = browser.variables.join(' or ');
  for (const variable of browser.variables) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (exists(value)) return { path: value, source: variable };
    return { missing: `${variable}=${value} is not an executable file: point ${variable} at the ${browser.label} executable, or unset it to search the usual places.` };
  }
  const candidates = browserCandidates(kind, options);
  const found = candidates.find((c) => exists(c.path));
  if (found) return found;
  const looked = [...new Set(candidates.filter((c) => c.source !== 'PATH').map((c) => c.path))];
  return {
    missing:
      `${browser.label} was not found (looked in ${looked.join(', ') || 'no install location for this platform'}, and for ${browser.names.join('/')} on PATH). ` +
      `Install it (${browser.install}) or set ${variables} to its executable. No browser is downloaded.`,
  };
}

/**
 * The path of `kind`, or an Error whose message says what to install and which variable to set.
 * @param {BrowserKind} kind
 * @param {SearchOptions} [options]
 * @returns {string}
 */
export function findBrowser(kind, options = {}) {
  const result = locateBrowser(kind, options);
  if ('missing' in result) throw new Error(result.missing);
  return result.path;
}

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { browserCandidates, findBrowser, locateBrowser } from '../../find-browser.mjs';

/** A file system holding exactly `paths`. */
const only = (...paths: string[]) => (path: string) => paths.includes(path);
const linux = (env: Record<string, string>, ...paths: string[]) => ({ env, platform: 'linux', exists: only(...paths) });

test('CHROME_PATH wins over an installed /usr/bin/chromium', () => {
  assert.deepEqual(locateBrowser('chromium', linux({ CHROME_PATH: '/opt/chrome/chrome' }, '/opt/chrome/chrome', '/usr/bin/chromium')), { path: '/opt/chrome/chrome', source: 'CHROME_PATH' });
});

test('CHROMIUM_PATH is read when CHROME_PATH is unset or empty', () => {
  assert.deepEqual(locateBrowser('chromium', linux({ CHROME_PATH: '', CHROMIUM_PATH: '/x/chromium' }, '/x/chromium', '/usr/bin/chromium')), { path: '/x/chromium', source: 'CHROMIUM_PATH' });
});

test('a variable naming a missing file is an error naming the variable, not a fall back to /usr/bin/chromium', () => {
  const result = locateBrowser('chromium', linux({ CHROME_PATH: '/typo/chrome' }, '/usr/bin/chromium'));
  assert.ok('missing' in result);
  assert.match(result.missing, /^CHROME_PATH=\/typo\/chrome is not an executable file: point CHROME_PATH at the Chromium executable, or unset it/);
});

test('on Linux /usr/bin/chromium comes before Google Chrome when both are installed', () => {
  assert.equal(findBrowser('chromium', linux({}, '/usr/bin/google-chrome-stable', '/usr/bin/chromium')), '/usr/bin/chromium');
});

test('on Linux google-chrome-stable alone is found, and so is the snap', () => {
  assert.equal(findBrowser('chromium', linux({}, '/usr/bin/google-chrome-stable')), '/usr/bin/google-chrome-stable');
  assert.equal(findBrowser('chromium', linux({}, '/snap/bin/chromium')), '/snap/bin/chromium');
});

test('a chromium-browser on PATH is found the way `which` finds it, folder by folder', () => {
  const options = linux({ PATH: '/home/u/bin:/opt/tools/bin' }, '/opt/tools/bin/chromium-browser');
  assert.deepEqual(locateBrowser('chromium', options), { path: '/opt/tools/bin/chromium-browser', source: 'PATH' });
});

test('on macOS the .app bundles are searched, the home folder’s too, and Linux paths are not', () => {
  const home = '/Users/ana/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  assert.equal(findBrowser('chromium', { env: { HOME: '/Users/ana' }, platform: 'darwin', exists: only(home) }), home);
  const result = locateBrowser('chromium', { env: {}, platform: 'darwin', exists: only('/usr/bin/chromium') });
  assert.ok('missing' in result, 'a Linux path does not count on macOS');
  assert.deepEqual(
    browserCandidates('chromium', { env: {}, platform: 'darwin' }).map((c) => c.path),
    ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    'without HOME the ~/Applications paths are left out',
  );
});

test('on Windows %PROGRAMFILES% is expanded and PATH is split on ";" with .exe names', () => {
  const env = { PROGRAMFILES: 'C:\\Program Files', PATH: 'C:\\tools;D:\\bin' };
  assert.equal(findBrowser('chromium', { env, platform: 'win32', exists: only('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe') }), 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  assert.equal(findBrowser('firefox', { env, platform: 'win32', exists: only('D:\\bin\\firefox.exe') }), 'D:\\bin\\firefox.exe');
});

test('Firefox: FIREFOX_PATH first, then Debian’s firefox-esr before a plain firefox', () => {
  assert.deepEqual(locateBrowser('firefox', linux({ FIREFOX_PATH: '/opt/ff/firefox' }, '/opt/ff/firefox', '/usr/bin/firefox-esr')), { path: '/opt/ff/firefox', source: 'FIREFOX_PATH' });
  assert.equal(findBrowser('firefox', linux({}, '/usr/bin/firefox', '/usr/bin/firefox-esr')), '/usr/bin/firefox-esr');
  assert.equal(findBrowser('firefox', linux({ PATH: '/usr/local/bin' }, '/usr/local/bin/firefox')), '/usr/local/bin/firefox');
});

test('a missing Chromium names the package to install and both variables', () => {
  assert.throws(() => findBrowser('chromium', linux({ PATH: '/usr/bin' })), (error: Error) => {
    assert.match(error.message, /^Chromium was not found \(looked in \/usr\/bin\/chromium, /);
    assert.match(error.message, /apt-get install chromium/);
    assert.match(error.message, /set CHROME_PATH or CHROMIUM_PATH to its executable/);
    return true;
  });
});

test('a missing Firefox names apt-get install firefox-esr and FIREFOX_PATH', () => {
  const result = locateBrowser('firefox', linux({}));
  assert.ok('missing' in result);
  assert.match(result.missing, /apt-get install firefox-esr/);
  assert.match(result.missing, /set FIREFOX_PATH to its executable/);
});

test('an unknown kind is an error naming the argument and the kinds there are', () => {
  assert.throws(() => locateBrowser('safari' as 'chromium'), /locateBrowser: kind must be one of chromium, firefox, not "safari"/);
});

test('by default only an executable file counts: a plain file or a folder does not', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fv-find-browser-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'firefox');
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o644);
  assert.ok('missing' in locateBrowser('firefox', { env: { FIREFOX_PATH: file } }), 'not executable');
  assert.ok('missing' in locateBrowser('firefox', { env: { FIREFOX_PATH: dir } }), 'a folder');
  chmodSync(file, 0o755);
  assert.deepEqual(locateBrowser('firefox', { env: { FIREFOX_PATH: file } }), { path: file, source: 'FIREFOX_PATH' });
});

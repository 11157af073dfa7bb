/** Where the demo keeps its data and its secrets, from the environment of `npm run demo`. */
import { dirname, join, resolve } from 'node:path';

export interface DemoPaths {
  /** The data folder (0700): the PGlite database, the audit log, the used receipts. */
  dataDir: string;
  /** The face-verify key file; always outside the data folder. */
  keyFile: string;
}

export const DEFAULT_DATA_DIR = 'demo/.data';
export const DEFAULT_KEY_FILE = 'demo/.secrets/face-verify-keys.json';

/**
 * `DEMO_DATA_DIR` (default demo/.data) and `DEMO_KEY_FILE`. When only DEMO_DATA_DIR is set, the keys
 * go to `<DEMO_DATA_DIR>-secrets/keys.json` beside it, so a throwaway data folder (the e2e run's)
 * never reuses, or overwrites, a developer's keys in demo/.secrets.
 */
export function demoPaths(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): DemoPaths {
  const dataDir = resolve(cwd, env['DEMO_DATA_DIR'] || DEFAULT_DATA_DIR);
  const keyFile = env['DEMO_KEY_FILE']
    ? resolve(cwd, env['DEMO_KEY_FILE'])
    : env['DEMO_DATA_DIR']
      ? `${dataDir}-secrets/keys.json`
      : resolve(cwd, DEFAULT_KEY_FILE);
  return { dataDir, keyFile };
}

/** The demo's cookie-signing secret lives next to the keys, never in the data folder. */
export function demoSecretFile(keyFile: string): string {
  return join(dirname(keyFile), 'demo-cookie-secret');
}

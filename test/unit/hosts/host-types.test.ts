/**
 * The host-framework declarations (src/react.ts, src/vue.ts, the global event map): the type tests in
 * test/hosts/types compile, which means the host's correct code type-checks and every
 * `@ts-expect-error` mistake there was rejected (an unused one is itself an error).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

test('React 19 JSX and Vue GlobalComponents accept <face-verify> as a host writes it and reject wrong attribute and event types', () => {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'test/hosts/types/tsconfig.json'], { cwd: root, encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

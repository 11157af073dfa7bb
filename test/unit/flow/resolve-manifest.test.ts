import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveManifest } from '../../../src/flow/resolve-manifest.js';
import { isFaceVerifyError } from '../../../src/shared/errors.js';
import type { ConsentManifest } from '../../../src/shared/manifest.js';
import { validManifest } from '../../fixtures/manifest.js';

describe('resolveManifest', () => {
  test("shows the session's notice, or an equal one given as a property", () => {
    const m = validManifest();
    assert.deepEqual(resolveManifest({ manifest: m, mode: 'clip' }, null), m);
    assert.deepEqual(resolveManifest({ manifest: m, mode: 'clip' }, validManifest()), m);
  });

  test('a missing, incomplete, different or wrong-mode notice is a configuration error', () => {
    const m = validManifest();
    const code = (fn: () => unknown, expected: string) => assert.throws(fn, (e) => isFaceVerifyError(e, expected as 'manifest-invalid'));
    code(() => resolveManifest({ manifest: undefined as unknown as ConsentManifest, mode: 'clip' }, null), 'manifest-missing');
    code(() => resolveManifest({ manifest: { ...m, retention: undefined } as unknown as ConsentManifest, mode: 'clip' }, null), 'manifest-invalid');
    code(() => resolveManifest({ manifest: m, mode: 'clip' }, { ...m, purpose: 'something else' }), 'manifest-invalid');
    code(() => resolveManifest({ manifest: m, mode: 'embedding' }, null), 'manifest-invalid');
  });

  test('an embedding-mode session shows its own notice (the widget makes templates)', () => {
    const m = { ...validManifest(), mode: 'embedding' as const };
    assert.equal(resolveManifest({ manifest: m, mode: 'embedding' }, null).mode, 'embedding');
  });
});

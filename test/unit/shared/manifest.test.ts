import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateManifest } from '../../../src/shared/manifest.js';
import { validManifest } from '../../fixtures/manifest.js';

describe('validateManifest', () => {
  test('accepts a complete notice', () => {
    assert.deepEqual(validateManifest(validManifest()), { ok: true, manifest: validManifest() });
  });

  test('rejects a non-object', () => {
    for (const value of [null, 'x', 1, []]) assert.equal(validateManifest(value).ok, false);
  });

  const breakages: [string, (m: Record<string, any>) => void, RegExp][] = [
    ['missing controller', (m) => delete m.controller, /^controller: /],
    ['blank controller name', (m) => (m.controller.name = ' '), /^controller\.name/],
    ['processors not an array', (m) => (m.processors = null), /^processors/],
    ['processor without role', (m) => (m.processors = [{ name: 'x' }]), /^processors\[0\]\.role/],
    ['no purpose', (m) => delete m.purpose, /^purpose/],
    ['unknown mode', (m) => (m.mode = 'photo'), /^mode/],
    ['retention of 0 days', (m) => (m.retention.days = 0), /^retention\.days/],
    ['retention over 3 years', (m) => (m.retention.days = 3 * 365 + 1), /^retention\.days/],
    ['fractional retention', (m) => (m.retention.days = 1.5), /^retention\.days/],
    ['no recipients', (m) => (m.recipients = []), /^recipients/],
    ['no not-sold statement', (m) => delete m.notSold, /^notSold/],
    ['no rights', (m) => (m.rights = []), /^rights/],
    ['right without how', (m) => (m.rights = [{ right: 'Access' }]), /^rights\[0\]\.how/],
    ['javascript: policy URL', (m) => (m.policyUrl = 'javascript:alert(1)'), /^policyUrl/],
    ['no erasure URL', (m) => delete m.erasureUrl, /^erasureUrl/],
    ['an erasure URL with its own fragment', (m) => (m.erasureUrl = '/erase#form'), /^erasureUrl: must not have a fragment/],
    ['no alternative', (m) => delete m.alternative, /^alternative/],
    ['bad locale', (m) => (m.locale = 'english!'), /^locale/],
  ];
  for (const [name, breakIt, expected] of breakages) {
    test(`reports ${name}`, () => {
      const m = validManifest() as unknown as Record<string, any>;
      breakIt(m);
      const result = validateManifest(m);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.problems.some((p) => expected.test(p)), JSON.stringify(result));
    });
  }

  test('reports every problem at once, not just the first', () => {
    const result = validateManifest({ mode: 'clip' });
    assert.ok(!result.ok && result.problems.length >= 10, JSON.stringify(result));
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ChallengeClock, readChallengeClaims } from '../../../src/flow/challenge-clock.js';
import { buildConsentReceipt } from '../../../src/flow/consent-receipt.js';
import { toBase64Url, utf8 } from '../../../src/shared/bytes.js';
import { canonicalHash } from '../../../src/shared/canonical-json.js';
import { WIDGET_VERSION } from '../../../src/shared/version.js';
import { validManifest } from '../../fixtures/manifest.js';

describe('consent receipt', () => {
  test('names the exact notice and the destruction deadline, and carries no biometric data', () => {
    const manifest = validManifest();
    const agreedAt = new Date('2026-11-22T10:00:00.000Z');
    const r = buildConsentReceipt({ manifest, sessionId: 's1', agreedAt, receiptId: 'c1' });
    assert.equal(r.noticeHash, canonicalHash(manifest));
    assert.equal(r.noticeVersion, '1');
    assert.equal(r.consentType, 'explicit');
    assert.equal(r.sensitive, 'biometric');
    assert.equal(r.widgetVersion, WIDGET_VERSION);
    assert.equal(r.timestamp, '2026-11-22T10:00:00.000Z');
    assert.equal(r.destructionDeadline, '2026-12-22T10:00:00.000Z');
    assert.deepEqual(Object.keys(r).sort(), [
      'consentType', 'controller', 'destructionDeadline', 'locale', 'mode', 'noticeHash', 'noticeVersion',
      'policyUrl', 'purpose', 'receiptId', 'sensitive', 'sessionId', 'timestamp', 'widgetVersion',
    ]);
  });
});

describe('challenge clock', () => {
  const jwt = (claims: object) => `e30.${toBase64Url(utf8(JSON.stringify(claims)))}.sig`;
  const claims = { sid: 's', nonce: 'n', iat: 1000, exp: 1120, opk: { x: 'x', kid: 'k' } };

  test('reads the claims the widget needs', () => {
    assert.equal(readChallengeClaims(jwt(claims)).sid, 's');
  });

  test('rejects tokens that are not JWTs or lack claims', () => {
    assert.throws(() => readChallengeClaims('abc'), /three dot-separated/);
    assert.throws(() => readChallengeClaims(jwt({ sid: 's' })), /lacks/);
  });

  test('measures the remaining life on the monotonic clock, whatever the wall clock says', () => {
    const clock = new ChallengeClock(claims, 50_000);
    assert.equal(clock.remainingMs(50_000, 0), 120_000);
    assert.equal(clock.remainingMs(110_000, 5_000), 55_000);
    assert.ok(clock.remainingMs(175_001) < 0);
  });
});

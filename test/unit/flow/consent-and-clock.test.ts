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
  const claims = {
    sid: 's', nonce: 'n', mode: 'clip', iat: 1000, captureBy: 1120, exp: 1725, clipMs: 5000,
    opk: { kty: 'OKP', crv: 'X25519', x: 'x', kid: 'k' }, liveness: {},
  };

  test('reads the claims the widget needs', () => {
    const read = readChallengeClaims(jwt(claims));
    assert.equal(read.sid, 's');
    assert.equal(read.captureBy, 1120);
    assert.equal(read.clipMs, 5000);
    assert.deepEqual(read.liveness, {});
  });

  test('rejects tokens that are not JWTs, lack claims or have windows out of order', () => {
    assert.throws(() => readChallengeClaims('abc'), /three dot-separated/);
    assert.throws(() => readChallengeClaims(jwt({ sid: 's' })), /nonce.*iat.*captureBy.*exp.*clipMs.*opk.*liveness/);
    const { captureBy: _, ...noCaptureBy } = claims;
    assert.throws(() => readChallengeClaims(jwt(noCaptureBy)), /lacks or mistypes captureBy$/);
    assert.throws(() => readChallengeClaims(jwt({ ...claims, captureBy: 2000 })), /iat ≤ captureBy ≤ exp/);
  });

  test('keeps both windows on the monotonic clock from receipt, whatever the wall clock says', () => {
    // iat is 1000 s after the epoch: a device clock decades off changes nothing, only receipt time counts.
    const clock = new ChallengeClock(claims, 50_000);
    assert.equal(clock.captureWindowMs, 120_000);
    assert.equal(clock.submitWindowMs, 725_000);
    assert.equal(clock.captureRemainingMs(50_000), 120_000);
    assert.equal(clock.captureRemainingMs(110_000), 60_000);
    assert.ok(clock.captureRemainingMs(170_001) < 0);
    assert.equal(clock.submitRemainingMs(110_000), 665_000);
  });

  test('elapsed time is what the attestation reports as capture.startedAfterMs', () => {
    const clock = new ChallengeClock(claims, 50_000.4);
    assert.equal(clock.elapsedMs(53_210.9), 3_211);
    assert.equal(clock.elapsedMs(49_000), 0, 'never negative');
  });
});

/**
 * The per-locale notice (`manifests`): each session shows the translation closest to the widget's
 * requested languages, its token's `mh` is that translation's hash, and the challenge and the
 * submission accept it; translations that differ in what the person agrees to are refused at start.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { canonicalHash } from '../../../src/shared/canonical-json.js';
import { isFaceVerifyError } from '../../../src/shared/errors.js';
import type { ConsentManifest } from '../../../src/shared/manifest.js';
import type { ChallengeClaims } from '../../../src/shared/wire.js';
import { validManifest } from '../../fixtures/manifest.js';
import { buildSubmission, counts, manifest, newKeys, openServer, parts, startSession, useServer } from './helpers.js';
import { openTestDatabase } from './test-database.js';

/** The test notice in Vietnamese: only the wording and the locale differ. */
function vietnamese(): ConsentManifest {
  return {
    ...validManifest(),
    locale: 'vi',
    purpose: 'Xác nhận người bán là người thật và không có tài khoản người bán nào khác.',
    retention: { days: 30, description: 'Xoá sau 30 ngày.' },
    notSold: 'Không bao giờ bán.',
  };
}

/** The open() error for `manifests`, or a failure when open() succeeds. */
async function openError(manifests: unknown): Promise<Error> {
  const db = await openTestDatabase();
  try {
    await openServer(db, await newKeys(), { manifest: undefined, manifests: manifests as ConsentManifest[] }).then(async (s) => {
      await s.close();
      assert.fail('open() accepted the manifests');
    });
  } catch (error) {
    if (!isFaceVerifyError(error)) throw error;
    assert.equal(error.code, 'invalid-argument');
    return error;
  } finally {
    await db.close();
  }
  throw new Error('unreachable');
}

describe('several notices, one per locale', () => {
  const fx = useServer({ manifest: undefined, manifests: [manifest, vietnamese()] });

  test('a widget asking for vi gets the Vietnamese notice, signed into the session as mh, and its submission is stored', async () => {
    const started = await startSession(fx.server, undefined, ['vi-VN', 'en-US']);
    assert.deepEqual(started.session.manifest, vietnamese());
    const viHash = canonicalHash(vietnamese());
    assert.notEqual(viHash, canonicalHash(manifest), 'the translations hash differently');
    assert.equal(decodeJwt(started.session.session)['mh'], viHash);
    assert.equal((decodeJwt(started.token) as unknown as ChallengeClaims).mh, viHash);
    const sub = await buildSubmission(started);
    assert.equal(sub.claims.consent.noticeHash, viHash);
    const before = await counts(fx.db);
    const result = await fx.server.verifySubmission(parts(sub));
    assert.equal(result.replayed, false);
    assert.equal(result.claims.consent.noticeHash, viHash);
    assert.equal((await counts(fx.db)).submissions, before.submissions + 1);
  });

  test('a widget asking for a language with no notice, or for none, gets the first notice', async () => {
    for (const languages of [['ja-JP', 'ko'], []]) {
      const session = await fx.server.createSession({ languages });
      assert.deepEqual(session.manifest, manifest, `languages ${JSON.stringify(languages)}`);
      assert.equal(decodeJwt(session.session)['mh'], canonicalHash(manifest));
    }
  });

  test('malformed languages are ignored rather than refused: over-long tags, non-strings, a non-array, tags past the tenth', async () => {
    const odd = [`vi-${'x'.repeat(40)}`, 42, null, { tag: 'vi' }];
    assert.deepEqual((await fx.server.createSession({ languages: odd as string[] })).manifest, manifest);
    assert.deepEqual((await fx.server.createSession({ languages: 'vi' as unknown as string[] })).manifest, manifest);
    const eleventh = [...Array.from({ length: 10 }, () => 'ja'), 'vi'];
    assert.deepEqual((await fx.server.createSession({ languages: eleventh })).manifest, manifest);
    const tenth = [...Array.from({ length: 9 }, () => 'ja'), 'vi'];
    assert.deepEqual((await fx.server.createSession({ languages: tenth })).manifest, vietnamese());
  });

  test('manifests lists every notice, the fallback first', () => {
    assert.deepEqual(fx.server.manifests, [manifest, vietnamese()]);
    assert.deepEqual(fx.server.manifest, manifest);
  });
});

describe('a notice set that does not describe one processing is refused at open()', () => {
  const cases: [string, (m: ConsentManifest) => ConsentManifest, RegExp][] = [
    ['another mode', (m) => ({ ...m, mode: 'embedding' }), /manifests\[1\]\.mode: must equal manifests\[0\]\.mode/],
    ['another controller', (m) => ({ ...m, controller: { name: 'Other Co', contact: 'x@other.example' } }), /manifests\[1\]\.controller: must equal/],
    ['another retention', (m) => ({ ...m, retention: { days: 60, description: 'Xoá sau 60 ngày.' } }), /manifests\[1\]\.retention\.days: must equal/],
    ['another erasure URL', (m) => ({ ...m, erasureUrl: 'https://other.example/erase' }), /manifests\[1\]\.erasureUrl: must equal/],
    ['the same locale twice', (m) => ({ ...m, locale: 'EN-gb' }), /manifests\[1\]\.locale: "EN-gb" is also manifests\[0\]'s locale/],
  ];
  for (const [what, change, message] of cases) {
    test(`a translation with ${what}`, async () => {
      const error = await openError([manifest, change(vietnamese())]);
      assert.match(error.message, message);
    });
  }

  test('an invalid translation is named by its index', async () => {
    const error = await openError([manifest, { ...vietnamese(), locale: '' }]);
    assert.match(error.message, /manifests\[1\]\.locale: must be a BCP 47 language tag/);
  });

  test('an empty list, and manifest given together with manifests', async () => {
    assert.match((await openError([])).message, /manifests: must be a non-empty array/);
    const db = await openTestDatabase();
    try {
      await assert.rejects(openServer(db, await newKeys(), { manifest, manifests: [manifest] }), /manifest, manifests: give one of them/);
    } finally {
      await db.close();
    }
  });
});

describe('a single manifest still works', () => {
  const fx = useServer();
  test('every session shows it whatever the languages, with its hash as mh', async () => {
    const session = await fx.server.createSession({ languages: ['vi'] });
    assert.deepEqual(session.manifest, manifest);
    assert.equal(decodeJwt(session.session)['mh'], canonicalHash(manifest));
    assert.deepEqual(fx.server.manifests, [manifest]);
  });
});

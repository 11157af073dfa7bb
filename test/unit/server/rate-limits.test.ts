/**
 * The server's rate limits on its own clock: a session's and a client's refused submissions, a
 * client's sessions, each refusal `rate-limited` with a Retry-After and nothing stored; accepted
 * submissions never lock anyone out. Runs on PGlite and PostgreSQL (test-database.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isFaceVerifyError } from '../../../src/shared/errors.js';
import type { RequestLike } from '../../../src/server/http.js';
import { buildSubmission, clock, counts, honestSubmission, openServer, parts, rejects, startSession, useServer, type Submission } from './helpers.js';

const fx = useServer();

/** A submission refused with claims-mismatch after its challenge verified: it counts against its session. */
function badNonce(started: Awaited<ReturnType<typeof startSession>>): Promise<Submission> {
  return buildSubmission(started, { mutate: (c) => void (c.nonce = 'A'.repeat(43)) });
}

/** A request whose body throws if read: proof a refusal came before the body. */
function unreadable(): RequestLike {
  return {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    body: { [Symbol.asyncIterator]: () => assert.fail('the body was read') } as AsyncIterable<Uint8Array>,
  };
}

async function rateLimited(action: () => Promise<unknown>): Promise<number> {
  const error = await rejects(fx.db, action, 'rate-limited');
  assert.ok(isFaceVerifyError(error, 'rate-limited'));
  assert.ok(error.retryAfterSeconds !== undefined && error.retryAfterSeconds >= 1, 'a Retry-After of at least 1 s');
  return error.retryAfterSeconds;
}

describe('rate limits', () => {
  test('a session with 5 refused submissions in 3 minutes refuses the 6th — even an honest one — with rate-limited, storing nothing, until the window passes', async () => {
    const started = await startSession(fx.server);
    let firstAt = 0;
    for (let i = 0; i < 5; i++) {
      const bad = await badNonce(started);
      if (i === 0) firstAt = clock.ms;
      await rejects(fx.db, () => fx.server.verifySubmission(parts(bad)), 'claims-mismatch');
      clock.ms += 10_000;
    }
    const honest = await buildSubmission(started, { keepClock: true });
    const wait = await rateLimited(() => fx.server.verifySubmission(parts(honest)));
    assert.equal(wait, Math.ceil((firstAt + 180_000 - clock.ms) / 1000), 'until the first refusal is 180 s old');
    // Another session is not affected.
    assert.equal((await fx.server.verifySubmission(parts(await honestSubmission(fx.server)))).replayed, false);
    clock.ms = firstAt + 180_000;
    const before = await counts(fx.db);
    assert.equal((await fx.server.verifySubmission(parts(honest))).replayed, false, 'allowed again once the window passed');
    assert.equal((await counts(fx.db)).submissions, before.submissions + 1);
  });

  test('a claimed sid that is not the verified challenge\'s costs the claimed session nothing', async () => {
    const victim = await startSession(fx.server);
    const attacker = await startSession(fx.server);
    for (let i = 0; i < 6; i++) {
      const forged = await buildSubmission(attacker, { mutate: (c) => void (c.sid = victim.challenge.sid) });
      await rejects(fx.db, () => fx.server.verifySubmission(parts(forged)), i < 5 ? 'claims-mismatch' : 'rate-limited');
    }
    assert.equal((await fx.server.verifySubmission(parts(await buildSubmission(victim)))).replayed, false);
  });

  test('a client with 10 refused submissions in 3 minutes is refused the 11th before its body is read', async () => {
    const client = '203.0.113.7';
    const firstAt = clock.ms;
    for (let i = 0; i < 10; i++) {
      // Garbage never reaches a session: it counts against the client alone.
      await rejects(fx.db, () => fx.server.verifySubmission({ attestation: 'not.a.jwt', sealed: new Uint8Array(8), client }), 'token-malformed');
    }
    const wait = await rateLimited(() => fx.server.receiveSubmission(unreadable(), { client }));
    assert.equal(wait, Math.ceil((firstAt + 180_000 - clock.ms) / 1000));
    await rateLimited(async () => fx.server.verifySubmission({ ...parts(await honestSubmission(fx.server)), client }));
    // Another client's honest submission goes through.
    assert.equal((await fx.server.verifySubmission({ ...parts(await honestSubmission(fx.server)), client: '198.51.100.1' })).replayed, false);
  });

  test('accepted submissions and their identical retries never count towards a failure limit', async () => {
    const server = await openServer(fx.db, fx.keys, { rateLimits: { failuresPerClient: { max: 2, windowSeconds: 180 } } });
    try {
      const client = '192.0.2.10';
      for (let i = 0; i < 4; i++) {
        const sub = await honestSubmission(server);
        assert.equal((await server.verifySubmission({ ...parts(sub), client })).replayed, false);
        assert.equal((await server.verifySubmission({ ...parts(sub), client })).replayed, true);
      }
      // A lookup that finds nothing is the widget asking, not a failure.
      const unstored = await honestSubmission(server);
      for (let i = 0; i < 3; i++) await rejects(fx.db, () => server.verifySubmission({ ...parts(unstored), lookup: true, client }), 'receipt-unknown');
      await rejects(fx.db, () => server.verifySubmission({ attestation: 'x', sealed: new Uint8Array(1), client }), 'token-malformed');
      await rejects(fx.db, () => server.verifySubmission({ attestation: 'x', sealed: new Uint8Array(1), client }), 'token-malformed');
      await rejects(fx.db, () => server.verifySubmission({ ...parts(unstored), client }), 'rate-limited');
    } finally {
      await server.close();
    }
  });

  test('a client may start 60 sessions a minute; the 61st is rate-limited until the oldest is a minute old', async () => {
    const client = '2001:db8::/64';
    const firstAt = clock.ms;
    for (let i = 0; i < 60; i++) {
      await fx.server.createSession({ client });
      clock.ms += 500;
    }
    const wait = await rateLimited(() => fx.server.createSession({ client }));
    assert.equal(wait, Math.ceil((firstAt + 60_000 - clock.ms) / 1000));
    await fx.server.createSession({ client: '2001:db8:1::/64' });
    await fx.server.createSession();
    clock.ms = firstAt + 60_000;
    await fx.server.createSession({ client });
  });

  test('each limit can be turned off, and rateLimits: false turns them all off', async () => {
    const server = await openServer(fx.db, fx.keys, { rateLimits: false });
    try {
      for (let i = 0; i < 80; i++) await server.createSession({ client: 'one' });
      for (let i = 0; i < 12; i++) await rejects(fx.db, () => server.verifySubmission({ attestation: 'x', sealed: new Uint8Array(1), client: 'one' }), 'token-malformed');
    } finally {
      await server.close();
    }
    const noSessionLimit = await openServer(fx.db, fx.keys, { rateLimits: { sessionsPerClient: false } });
    try {
      for (let i = 0; i < 80; i++) await noSessionLimit.createSession({ client: 'one' });
    } finally {
      await noSessionLimit.close();
    }
  });

  test('a client key that is not a short string is invalid-argument, naming `client`', async () => {
    for (const client of ['', 'x'.repeat(257), 42]) {
      await assert.rejects(fx.server.createSession({ client } as { client: string }), (e: unknown) => isFaceVerifyError(e, 'invalid-argument') && /`client`/.test(e.message));
      await assert.rejects(fx.server.receiveSubmission(unreadable(), { client } as { client: string }), (e: unknown) => isFaceVerifyError(e, 'invalid-argument'));
    }
  });
});

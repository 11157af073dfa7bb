/**
 * The outbox on the browser's real IndexedDB: what is put is what a later page takes, for its own
 * submit URL only; expired entries are deleted by the take that finds them; removal is for good;
 * the bytes stored are the submission's own, not the buffer around them.
 */
import { deleteDB } from 'idb';
import { openOutbox, type Outbox, type OutboxEntry } from '../../../src/transport/outbox.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { afterEach, beforeEach, describe, it } from '../helpers/mocha.js';

const name = () => `fv-outbox-test-${Math.random().toString(36).slice(2, 8)}`;
const now = Date.parse('2026-12-04T12:00:00Z');

function entry(key: string, over: Partial<OutboxEntry> = {}): OutboxEntry {
  return { idempotencyKey: key, submitUrl: 'https://shop.example/api/submit', attestation: `att-${key}`, sealed: new Uint8Array([1, 2, 3]), mode: 'clip', sealedAt: now, expiresAt: now + 60_000, ...over };
}

describe('outbox (IndexedDB)', () => {
  let db = '';
  let outbox: Outbox | null = null;
  beforeEach(async () => {
    db = name();
    outbox = await openOutbox(db);
  });
  afterEach(async () => {
    outbox?.close();
    await deleteDB(db);
  });

  it('an entry put by one connection is taken by the next (a reload), oldest first, and only for its submit URL', async () => {
    await outbox!.put(entry('b', { sealedAt: now + 10 }));
    await outbox!.put(entry('a'));
    await outbox!.put(entry('other', { submitUrl: 'https://shop.example/other/submit' }));
    outbox!.close();
    outbox = await openOutbox(db);
    const { pending, expired } = await outbox.take('https://shop.example/api/submit', now);
    assertEqual(pending.map((e) => e.idempotencyKey).join(','), 'a,b', 'pending, oldest first');
    assertEqual(expired.length, 0, 'expired');
    assertEqual(pending[0]!.attestation, 'att-a', 'the attestation comes back');
    assertEqual([...pending[0]!.sealed].join(','), '1,2,3', 'the sealed bytes come back');
  });

  it('take deletes what is past expiresAt and returns it as expired; the next take no longer sees it', async () => {
    await outbox!.put(entry('old', { expiresAt: now - 1 }));
    await outbox!.put(entry('fresh'));
    const first = await outbox!.take('https://shop.example/api/submit', now);
    assertEqual(first.expired.map((e) => e.idempotencyKey).join(','), 'old', 'expired');
    assertEqual(first.pending.map((e) => e.idempotencyKey).join(','), 'fresh', 'pending');
    const second = await outbox!.take('https://shop.example/api/submit', now);
    assertEqual(second.expired.length + second.pending.length, 1, 'only the fresh one is left');
  });

  it('remove deletes an entry for good', async () => {
    await outbox!.put(entry('gone'));
    await outbox!.remove('gone');
    assertEqual((await outbox!.take('https://shop.example/api/submit', now)).pending.length, 0, 'pending after remove');
  });

  it('a sealed part that is a view of a larger buffer is stored as its own bytes only', async () => {
    const buffer = new Uint8Array(1024).fill(9);
    const view = buffer.subarray(100, 104);
    await outbox!.put(entry('view', { sealed: view }));
    const [got] = (await outbox!.take('https://shop.example/api/submit', now)).pending;
    assertEqual(got!.sealed.byteLength, 4, 'stored length');
    assertEqual(got!.sealed.buffer.byteLength, 4, 'the buffer behind it');
    assert([...got!.sealed].every((b) => b === 9), 'the bytes are the view’s');
  });
});

/**
 * The outbox: a sealed submission is written to IndexedDB before its first upload attempt and
 * deleted only once the backend has acknowledged it (or refused it for good, or the person withdrew
 * it), so a lost network, a crashed tab or a reload loses nothing. What is kept is exactly what
 * travels: the HPKE-sealed part, which only the operator's private key opens, and the attestation
 * (claims and hashes, no biometric data), plus where to send it and until when it can be accepted.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** One kept submission. */
export interface OutboxEntry {
  /** The attestation's `jti`; the key of the store and the upload's idempotency key. */
  idempotencyKey: string;
  /** The absolute submit URL: a page only resumes what it would itself have sent there. */
  submitUrl: string;
  attestation: string;
  sealed: Uint8Array;
  /** What the payload is, for telling the person ("your clip", "your face template"). */
  mode: 'clip' | 'embedding';
  /** Device epoch ms when it was sealed. */
  sealedAt: number;
  /**
   * Device epoch ms after which the server no longer accepts it, not even as an identical retry
   * (the challenge's `exp` + the retry grace, moved onto this device's clock by the challenge clock).
   */
  expiresAt: number;
}

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { bySubmitUrl: string } };
}

export const OUTBOX_DATABASE = 'face-verify';

/** The key a submit URL is kept under: absolute, so the page that seals and the page that resumes agree. */
export function outboxUrl(submitUrl: string): string {
  return new URL(submitUrl, location.href).href;
}
const VERSION = 1;

/** What a page finds waiting for its submit URL. */
export interface PendingSubmissions {
  /** Still deliverable, oldest first. */
  pending: OutboxEntry[];
  /** Past `expiresAt`: already deleted, returned so the person can be told. */
  expired: OutboxEntry[];
}

export interface Outbox {
  put(entry: OutboxEntry): Promise<void>;
  remove(idempotencyKey: string): Promise<void>;
  /** Entries for `submitUrl`; the expired ones are deleted by this call. */
  take(submitUrl: string, nowMs: number): Promise<PendingSubmissions>;
  close(): void;
}

/**
 * Opens the outbox. IndexedDB is unavailable in some private modes and embedded browsers; the
 * element then keeps the submission in memory only (as before) and says nothing it cannot keep.
 * @throws the browser's error when IndexedDB cannot be opened.
 */
export async function openOutbox(name = OUTBOX_DATABASE): Promise<Outbox> {
  const db: IDBPDatabase<OutboxSchema> = await openDB<OutboxSchema>(name, VERSION, {
    upgrade(database) {
      const store = database.createObjectStore('outbox', { keyPath: 'idempotencyKey' });
      store.createIndex('bySubmitUrl', 'submitUrl');
    },
    // Another tab holds an older version open: let it go rather than block this page forever.
    blocking() {
      db.close();
    },
  });
  return {
    async put(entry) {
      // A copy: the caller's Uint8Array may be a view of a larger buffer, which would be stored whole.
      await db.put('outbox', { ...entry, sealed: entry.sealed.slice() });
    },
    async remove(idempotencyKey) {
      await db.delete('outbox', idempotencyKey);
    },
    async take(submitUrl, nowMs) {
      // One readwrite transaction: two tabs opening at once see the expired entries deleted once.
      const tx = db.transaction('outbox', 'readwrite');
      const all = await tx.store.index('bySubmitUrl').getAll(submitUrl);
      const expired = all.filter((e) => e.expiresAt <= nowMs);
      await Promise.all([...expired.map((e) => tx.store.delete(e.idempotencyKey)), tx.done]);
      return { pending: all.filter((e) => e.expiresAt > nowMs).sort((a, b) => a.sealedAt - b.sealedAt), expired };
    },
    close() {
      db.close();
    },
  };
}

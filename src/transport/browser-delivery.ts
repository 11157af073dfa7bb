/**
 * The browser's side of delivery: the IndexedDB outbox, opened on first use (never before the person
 * has sent something, or the page looks for a pending submission), and the window's online/offline
 * events.
 */
import type { Connectivity } from './delivery.js';
import { openOutbox, type Outbox } from './outbox.js';

export interface BrowserDelivery {
  /** The outbox, or null where IndexedDB cannot be opened (some private modes, embedded browsers). */
  outbox(): Promise<Outbox | null>;
  connectivity: Connectivity;
  /** Closes the outbox connection (the element left the page). */
  close(): void;
}

export function browserDelivery(): BrowserDelivery {
  let opening: Promise<Outbox | null> | null = null;
  return {
    outbox() {
      opening ??= typeof indexedDB === 'undefined' ? Promise.resolve(null) : openOutbox().catch(() => null);
      return opening;
    },
    connectivity: {
      online: () => navigator.onLine,
      subscribe(listener) {
        addEventListener('online', listener);
        addEventListener('offline', listener);
        return () => {
          removeEventListener('online', listener);
          removeEventListener('offline', listener);
        };
      },
    },
    close() {
      const closing = opening;
      opening = null;
      void closing?.then((outbox) => outbox?.close());
    },
  };
}

/**
 * Receipts already used to open a shop: one receipt opens one shop. Kept in memory and appended
 * to a 0600 JSON-lines file in the data folder, so a restart does not make a receipt usable again.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { ensurePrivateFile } from './private-files.js';

export interface UsedReceipt {
  receiptId: string;
  shop: string;
  /** ISO 8601. */
  at: string;
}

export class UsedReceipts {
  readonly #ids: Set<string>;

  private constructor(readonly path: string, ids: Set<string>) {
    this.#ids = ids;
  }

  static async open(path: string): Promise<UsedReceipts> {
    await ensurePrivateFile(path);
    const ids = new Set<string>();
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as Partial<UsedReceipt>;
        if (typeof entry.receiptId === 'string') ids.add(entry.receiptId);
      } catch {
        // a torn last line after a crash: skip it
      }
    }
    return new UsedReceipts(path, ids);
  }

  has(receiptId: string): boolean {
    return this.#ids.has(receiptId);
  }

  /**
   * Marks the receipt used. Claims it synchronously (before any await), so of two concurrent
   * signups with one receipt exactly one gets `true`.
   * @returns false when it was already used.
   */
  async claim(entry: UsedReceipt): Promise<boolean> {
    if (this.#ids.has(entry.receiptId)) return false;
    this.#ids.add(entry.receiptId);
    try {
      await appendFile(this.path, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 });
    } catch (error) {
      this.#ids.delete(entry.receiptId);
      throw error;
    }
    return true;
  }
}

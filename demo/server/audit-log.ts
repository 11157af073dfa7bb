/**
 * The operator audit log: one JSON line per opened clip or look-alike search, in a 0600 file, appended
 * before the answer is sent. When a person erases their submission, the lines naming its receipt
 * keep who did what and when, but the receipt id becomes {@link ERASED_RECEIPT}: the trail of
 * operator access stays, the link to the person goes.
 */
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { ensurePrivateFile } from './private-files.js';

export interface AuditEntry {
  /** ISO 8601. */
  at: string;
  /** The operator session id, or "bearer" for a request with the key in an Authorization header. */
  who: string;
  /** `open-clip`: a sealed clip decrypted for review; `find-matches`: a template compared with all the others. */
  action: 'open-clip' | 'find-matches';
  receiptId: string;
  ip: string;
}

/** What an erased receipt's id reads as in the audit log. */
export const ERASED_RECEIPT = 'erased';

export class AuditLog {
  /** Appends and rewrites run one at a time, so a rewrite never drops a line appended meanwhile. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly path: string) {}

  /** Opens (creating, 0600) the log at `path`. */
  static async open(path: string): Promise<AuditLog> {
    await ensurePrivateFile(path);
    return new AuditLog(path);
  }

  /** Appends one line; a failure rejects, and the caller then does not hand out the clip. */
  append(entry: AuditEntry): Promise<void> {
    return this.#serially(() => appendFile(this.path, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 }));
  }

  /**
   * Unlinks an erased receipt: every line naming `receiptId` keeps its time, operator, action and
   * address, with the receipt id replaced by {@link ERASED_RECEIPT}. Written to a 0600 temporary
   * file and renamed over the log, so a crash leaves either the old log or the new one.
   * @returns how many lines were unlinked.
   */
  forget(receiptId: string): Promise<number> {
    return this.#serially(async () => {
      let unlinked = 0;
      const lines = (await readFile(this.path, 'utf8')).split('\n').map((line) => {
        if (!line.includes(receiptId)) return line;
        try {
          const entry = JSON.parse(line) as AuditEntry;
          if (entry.receiptId !== receiptId) return line;
          unlinked++;
          return JSON.stringify({ ...entry, receiptId: ERASED_RECEIPT });
        } catch {
          return line; // a torn last line after a crash: left as it is
        }
      });
      if (unlinked === 0) return 0;
      const temporary = `${this.path}.rewrite`;
      await writeFile(temporary, lines.join('\n'), { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, this.path);
      return unlinked;
    });
  }

  #serially<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job, job);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The last `count` entries, oldest first; lines that do not parse are skipped. */
  async tail(count = 100): Promise<AuditEntry[]> {
    const lines = (await readFile(this.path, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const entries: AuditEntry[] = [];
    for (const line of lines.slice(-count)) {
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // a torn last line after a crash: skip it
      }
    }
    return entries;
  }
}

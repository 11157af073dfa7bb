/** The operator audit log: one JSON line per opened clip or look-alike search, in a 0600 file, appended before the answer is sent. */
import { appendFile, readFile } from 'node:fs/promises';
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

export class AuditLog {
  private constructor(readonly path: string) {}

  /** Opens (creating, 0600) the log at `path`. */
  static async open(path: string): Promise<AuditLog> {
    await ensurePrivateFile(path);
    return new AuditLog(path);
  }

  /** Appends one line; a failure rejects, and the caller then does not hand out the clip. */
  append(entry: AuditEntry): Promise<void> {
    // One write with O_APPEND: concurrent lines never interleave.
    return appendFile(this.path, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 });
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

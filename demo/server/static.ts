/**
 * Static files (the demo's pages and the built widget in dist/), compressed per Accept-Encoding
 * with each compressed copy made once per file version and kept in memory, and ETag revalidation.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { compress, isCompressible, MIN_COMPRESS_BYTES, negotiateEncoding, type ContentEncoding } from './compression.js';
import { sendBytes } from './respond.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.task': 'application/octet-stream',
  '.svg': 'image/svg+xml',
};

interface Cached {
  stamp: string;
  copies: Map<ContentEncoding, Promise<Buffer>>;
}

export class StaticFiles {
  readonly #compressed = new Map<string, Cached>();

  /**
   * Serves `relativePath` under `root`, refusing any path that escapes it.
   * @returns false when there is no such file (the caller answers 404).
   */
  async serve(req: IncomingMessage, res: ServerResponse, root: string, relativePath: string): Promise<boolean> {
    const path = normalize(join(root, relativePath));
    if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
    let body: Buffer;
    let stamp: string;
    try {
      const info = await stat(path);
      if (!info.isFile()) return false;
      stamp = `${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}`;
      body = await readFile(path);
    } catch {
      return false;
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const compressible = isCompressible(type);
    const encoding = compressible && body.length >= MIN_COMPRESS_BYTES ? negotiateEncoding(req.headers['accept-encoding']) : undefined;
    const etag = `"${stamp}${encoding ? `-${encoding}` : ''}"`;
    const headers = { 'cache-control': 'no-cache', etag };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ...headers, ...(compressible ? { vary: 'Accept-Encoding' } : {}) });
      res.end();
      return true;
    }
    await sendBytes(req, res, 200, type, body, { headers, compressed: (e) => this.#copy(path, stamp, body, e) });
    return true;
  }

  #copy(path: string, stamp: string, body: Buffer, encoding: ContentEncoding): Promise<Buffer> {
    let cached = this.#compressed.get(path);
    if (!cached || cached.stamp !== stamp) {
      cached = { stamp, copies: new Map() };
      this.#compressed.set(path, cached);
    }
    let copy = cached.copies.get(encoding);
    if (!copy) {
      copy = compress(body, encoding);
      copy.catch(() => cached.copies.delete(encoding));
      cached.copies.set(encoding, copy);
    }
    return copy;
  }
}

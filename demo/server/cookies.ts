/** Cookies: reading the Cookie header, writing Set-Cookie, and HMAC-signed values. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The value of cookie `name` in the request, or undefined. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie; omitted: a browser-session cookie. */
  maxAge?: number;
}

/**
 * Adds a Set-Cookie: always HttpOnly (no script reads it), SameSite=Strict (never sent on a
 * cross-site request, which is also the CSRF defence), Path=/. Not `Secure`: the demo runs on plain
 * http://127.0.0.1; a host behind TLS adds `Secure` and the `__Host-` name prefix.
 */
export function setCookie(res: ServerResponse, name: string, value: string, options: CookieOptions = {}): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'HttpOnly', 'SameSite=Strict', 'Path=/'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  res.appendHeader('set-cookie', parts.join('; '));
}

export function clearCookie(res: ServerResponse, name: string): void {
  setCookie(res, name, '', { maxAge: 0 });
}

function mac(secret: Uint8Array, purpose: string, value: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}\n${value}`, 'utf8').digest();
}

/** `value.mac`: HMAC-SHA256 over the purpose and the value, so a value signed for one use is no good for another. */
export function signValue(secret: Uint8Array, purpose: string, value: string): string {
  return `${value}.${mac(secret, purpose, value).toString('base64url')}`;
}

/** The value of a signed string when its MAC checks (constant time), else undefined. */
export function verifySignedValue(secret: Uint8Array, purpose: string, signed: string | undefined): string | undefined {
  if (!signed) return undefined;
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), 'base64url');
  const expected = mac(secret, purpose, value);
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
}

/**
 * A second CSRF guard beside SameSite=Strict cookies: a state-changing request that a browser marks
 * as coming from another site (Sec-Fetch-Site, or an Origin that is not this host) is refused before
 * its body is read. Clients that send neither header (curl, server-to-server) are let through;
 * they carry no ambient cookies of a victim.
 */
import type { IncomingMessage } from 'node:http';
import { DemoError } from './demo-error.js';

export function checkSameOrigin(req: IncomingMessage): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new DemoError(403, 'cross-origin', 'This endpoint takes requests from its own pages only.');
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = origin === 'null' ? undefined : new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host === undefined || host !== req.headers.host) {
    throw new DemoError(403, 'cross-origin', 'This endpoint takes requests from its own pages only.');
  }
}

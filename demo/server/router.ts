/**
 * A tiny router: exact or pattern paths, a handler per method. A known path asked with another
 * method is answered 405 (with Allow) before anything reads the body; HEAD runs the GET handler
 * (node:http sends no body for HEAD).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DemoError } from './demo-error.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Capture groups of a pattern route. */
  params: string[];
  /** The peer address, for the audit log. */
  ip: string;
}

export type Handler = (ctx: RequestContext) => Promise<void>;

export interface Route {
  path: string | RegExp;
  GET?: Handler;
  POST?: Handler;
}

export interface Match {
  handler: Handler;
  params: string[];
}

/**
 * @returns the handler for `method path`, or undefined when no route has this path.
 * @throws DemoError 405 when the path is known but not for this method.
 */
export function match(routes: readonly Route[], method: string, path: string): Match | undefined {
  for (const route of routes) {
    let params: string[];
    if (typeof route.path === 'string') {
      if (route.path !== path) continue;
      params = [];
    } else {
      const m = route.path.exec(path);
      if (!m) continue;
      params = m.slice(1).map((p) => p ?? '');
    }
    const handler = method === 'HEAD' ? route.GET : method === 'GET' || method === 'POST' ? route[method] : undefined;
    if (handler) return { handler, params };
    const allow = [...(route.GET ? ['GET', 'HEAD'] : []), ...(route.POST ? ['POST'] : [])].join(', ');
    throw new DemoError(405, 'method-not-allowed', `${path} takes ${allow}, not ${method}.`, { allow });
  }
  return undefined;
}

/** The marketplace's pages and scripts (demo/site) and the built widget (dist/ at /face-verify/). */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoError } from '../demo-error.js';
import type { Route } from '../router.js';
import type { StaticFiles } from '../static.js';

const here = dirname(fileURLToPath(import.meta.url));
export const SITE_DIR = resolve(here, '../../site');
export const DIST_DIR = resolve(here, '../../../dist');

const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/operator': 'operator.html',
  '/erase': 'erase.html',
  '/privacy': 'privacy.html',
  '/alternative': 'alternative.html',
};

export function pageRoutes(files: StaticFiles, dirs = { site: SITE_DIR, dist: DIST_DIR }): Route[] {
  const notFound = (path: string, hint = ''): DemoError => new DemoError(404, 'not-found', `${path} does not exist.${hint}`);
  return [
    ...Object.entries(PAGES).map(([path, file]): Route => ({
      path,
      async GET({ req, res }) {
        if (!(await files.serve(req, res, dirs.site, file))) throw notFound(path);
      },
    })),
    {
      path: /^\/([\w-]+\.(?:js|css))$/,
      async GET({ req, res, url, params }) {
        if (!(await files.serve(req, res, dirs.site, params[0]!))) throw notFound(url.pathname);
      },
    },
    {
      path: /^\/face-verify\/(.+)$/,
      async GET({ req, res, url, params }) {
        if (!(await files.serve(req, res, dirs.dist, params[0]!))) throw notFound(url.pathname, ' Run `npm run build` to make dist/.');
      },
    },
  ];
}

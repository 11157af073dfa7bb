/**
 * Builds the framework host pages (react/, vue/) with vite into .cache/hosts/<name>/, where
 * test/hosts/server.ts serves them at /hosts/<name>/. The element itself is not bundled: the pages
 * import the built package from /face-verify/ (the demo serves dist/ there), as the ESM page does, so
 * its workers and assets load from the origin exactly as shipped.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const HOST_PAGES = ['react', 'vue'] as const;

export async function buildHostPage(name: (typeof HOST_PAGES)[number]): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: `${root}test/hosts/${name}`,
    base: `/hosts/${name}/`,
    // No framework plugin: vite's own transform compiles the JSX with React's automatic runtime.
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    build: {
      outDir: `${root}.cache/hosts/${name}`,
      emptyOutDir: true,
      target: 'es2022',
      // Inline scripts break the host's CSP (script-src 'self').
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
    },
  });
}

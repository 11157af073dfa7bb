/** Builds the embedding evaluation's page (eval/embedding-page.html) with the widget's workers and self-hosted assets. */
import { defineConfig } from 'vite';
import { selfHostedAssets } from '../vite.config.js';

export default defineConfig({
  root: 'eval',
  base: './',
  build: {
    outDir: '../.cache/eval-embedding',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: 'eval/embedding-page.html' },
  },
  worker: { format: 'es' },
  plugins: [selfHostedAssets()],
});

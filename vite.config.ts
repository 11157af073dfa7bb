import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * Copies what the worker loads at run time next to the bundle, so a host serves everything from its
 * own origin: MediaPipe's module-worker wasm pair and the checksum-verified model (put in .cache by
 * `npm run model`). Only the files the worker really loads are copied.
 */
function selfHostedAssets(): Plugin {
  const wasmDir = 'node_modules/@mediapipe/tasks-vision/wasm';
  const assets: Record<string, string> = {
    'mediapipe/vision_wasm_module_internal.js': `${wasmDir}/vision_wasm_module_internal.js`,
    'mediapipe/vision_wasm_module_internal.wasm': `${wasmDir}/vision_wasm_module_internal.wasm`,
    'models/face_landmarker.task': '.cache/models/face_landmarker.task',
  };
  return {
    name: 'face-verify-self-hosted-assets',
    apply: 'build',
    generateBundle() {
      for (const [fileName, from] of Object.entries(assets)) {
        let source: Buffer;
        try {
          source = readFileSync(from);
        } catch {
          this.error(`${from} is missing. Run \`npm install\` (wasm) and \`npm run model\` (model) first.`);
        }
        this.emitFile({ type: 'asset', fileName, source });
      }
    },
  };
}

export default defineConfig({
  // Relative: the bundle and its worker chunk resolve each other from wherever a host serves dist/.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    copyPublicDir: false,
    modulePreload: false,
    rollupOptions: {
      input: { index: 'src/index.ts', define: 'src/define.ts' },
      preserveEntrySignatures: 'strict',
      output: {
        entryFileNames: '[name].js',
        // Flat: the element finds its assets relative to its own chunk's URL.
        chunkFileNames: '[name]-[hash].js',
        assetFileNames: '[name]-[hash][extname]',
      },
    },
  },
  worker: {
    format: 'es',
    rollupOptions: { output: { entryFileNames: '[name]-[hash].js', chunkFileNames: '[name]-[hash].js' } },
  },
  plugins: [selfHostedAssets()],
});

import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * Copies what the workers load at run time next to the bundle, so a host serves everything from its
 * own origin: MediaPipe's module-worker wasm pair and the checksum-verified models (put in .cache by
 * `npm run model`), and for the embedding mode tfjs's wasm backend binaries. Only the files the
 * workers really load are copied.
 */
export function selfHostedAssets(): Plugin {
  const wasmDir = 'node_modules/@mediapipe/tasks-vision/wasm';
  const tfjsDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  const assets: Record<string, string> = {
    'mediapipe/vision_wasm_module_internal.js': `${wasmDir}/vision_wasm_module_internal.js`,
    'mediapipe/vision_wasm_module_internal.wasm': `${wasmDir}/vision_wasm_module_internal.wasm`,
    'models/face_landmarker.task': '.cache/models/face_landmarker.task',
    'models/face_recognition_model.bin': '.cache/models/face_recognition_model.bin',
    'models/face_recognition_model-weights_manifest.json': '.cache/models/face_recognition_model-weights_manifest.json',
    'tfjs/tfjs-backend-wasm-simd.wasm': `${tfjsDir}/tfjs-backend-wasm-simd.wasm`,
    'tfjs/tfjs-backend-wasm.wasm': `${tfjsDir}/tfjs-backend-wasm.wasm`,
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

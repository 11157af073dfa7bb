import { defineConfig } from 'vite';

/** Builds `dist/face-verify.js`, the classic-script loader, into the folder the main build made. */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    copyPublicDir: false,
    lib: { entry: 'src/loader.ts', formats: ['iife'], name: 'FaceVerifyLoader', fileName: () => 'face-verify.js' },
  },
});

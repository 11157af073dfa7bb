/**
 * Where the embedding worker finds its files, under the same `assetsBase` as the landmarker's:
 *   models/face_recognition_model.bin                  (checked against FACE_DESCRIPTOR_MODEL)
 *   models/face_recognition_model-weights_manifest.json
 *   tfjs/tfjs-backend-wasm-simd.wasm, tfjs/tfjs-backend-wasm.wasm   (from @tensorflow/tfjs-backend-wasm)
 * The build copies them there; nothing is ever fetched from a CDN. The multi-threaded wasm is not
 * shipped: it needs a cross-origin-isolated page, which a host's signup page rarely is.
 */
import { FACE_DESCRIPTOR_MODEL } from '../shared/version.js';

/** Folder (under the assets base) holding TensorFlow.js's wasm backend binaries. */
export const TFJS_DIR = 'tfjs';
/** The wasm binaries the backend may load: with SIMD (every current browser) and without. */
export const TFJS_WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const;

/** URLs of the descriptor's two weight files under an absolute assets base (ending in '/'). */
export function descriptorWeightUrls(assetsBase: string): { manifest: string; weights: string } {
  return {
    manifest: new URL(`models/${FACE_DESCRIPTOR_MODEL.manifest.file}`, assetsBase).href,
    weights: new URL(`models/${FACE_DESCRIPTOR_MODEL.weights.file}`, assetsBase).href,
  };
}

/** The folder URL of the wasm binaries, ending in '/' (what tfjs's `setWasmPaths` takes). */
export function tfjsWasmBase(assetsBase: string): string {
  return new URL(`${TFJS_DIR}/`, assetsBase).href;
}

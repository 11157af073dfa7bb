/**
 * The self-hosted asset layout. Under one `assetsBase` URL:
 *   mediapipe/vision_wasm_module_internal.js|.wasm   (from @mediapipe/tasks-vision/wasm/)
 *   models/face_landmarker.task                      (checked against FACE_LANDMARKER_MODEL.sha256)
 * The build copies the files there; nothing is ever fetched from a CDN.
 */
import { FACE_LANDMARKER_MODEL } from '../shared/version.js';

/** Folder (under the assets base) holding MediaPipe's wasm runtime. */
export const MEDIAPIPE_DIR = 'mediapipe';
/** Folder (under the assets base) holding the models. */
export const MODELS_DIR = 'models';

/**
 * Resolves `base` to an absolute URL ending in '/'. A missing trailing slash is added, because
 * `new URL('models/x', 'https://h/fv-assets')` would otherwise drop the last path segment and look
 * in the parent folder, a mistake that only shows up as a confusing 404.
 * @param relativeTo the URL a relative `base` is resolved against (the page, not the worker script).
 * @throws TypeError when `base` is not a valid URL.
 */
export function resolveAssetsBase(base: string | URL, relativeTo?: string): string {
  let url: URL;
  try {
    url = new URL(String(base), relativeTo);
  } catch (cause) {
    throw new TypeError(`assetsBase: "${String(base)}" is not a valid URL`, { cause });
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

/** URL of the face landmarker model under an absolute assets base. */
export function modelUrl(assetsBase: string): string {
  return new URL(`${MODELS_DIR}/${FACE_LANDMARKER_MODEL.file}`, assetsBase).href;
}

/**
 * The base path handed to `FilesetResolver.forVisionTasks`, which appends `/<file>` itself, so it
 * must not end in '/'.
 */
export function mediapipeBase(assetsBase: string): string {
  return new URL(MEDIAPIPE_DIR, assetsBase).href;
}

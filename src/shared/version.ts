/** Versions that travel in attestations and consent receipts, so a server can tell what produced them. */

/** The widget's own version; kept in step with package.json by a unit test. */
export const WIDGET_VERSION = '0.1.0';

/** Version of every wire format (README "Formats", `shared/wire.ts`); bump on any incompatible change. */
export const FORMAT_VERSION = 2;

/** The exact @mediapipe/tasks-vision build the worker is written and measured against. */
export const MEDIAPIPE_VERSION = '1.1.0';

/** The face landmarker model the widget runs. Its hash is checked before the model is used. */
export const FACE_LANDMARKER_MODEL = {
  name: 'face_landmarker.task (float16, v1)',
  file: 'face_landmarker.task',
  sha256: '64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff',
  bytes: 3_758_596,
  officialUrl:
    'https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/face_landmarker.task',
} as const;

/**
 * The face descriptor's weights (embedding mode): dlib's face_recognition_resnet_model_v1, whose
 * author put them in the public domain, as converted and uint8-quantised in the npm package
 * `@vladmandic/face-api` (only the two weight files are taken from it, copied by the build). Both
 * hashes are checked before the weights are used.
 */
export const FACE_DESCRIPTOR_MODEL = {
  name: 'dlib face_recognition_resnet_model_v1 (@vladmandic/face-api 1.7.15, uint8)',
  package: '@vladmandic/face-api',
  packageVersion: '1.7.15',
  manifest: { file: 'face_recognition_model-weights_manifest.json', sha256: 'cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b' },
  weights: { file: 'face_recognition_model.bin', sha256: 'b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589', bytes: 6_444_032 },
} as const;

/** The exact TensorFlow.js build the descriptor's forward pass runs on (core + wasm backend). */
export const TFJS_VERSION = '4.22.0';

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

/**
 * Module worker that owns MediaPipe's FaceLandmarker. Landmarking costs 20-65 ms per 640×480 frame
 * on a 2-core machine (CPU delegate); running it here keeps the page (prompts, countdowns,
 * recording) responsive. Uncaught synchronous errors reach the client as the Worker's `error` event.
 *
 * Protocol (see protocol.ts): `init` → `ready` | `error`; `frame` (bitmap transferred) → `result` |
 * `error` with the frame's id; `close` → `closed`. Every failure is answered with a typed `error`
 * message: the client must never wait on a reply that will not come.
 */
import { FaceLandmarker, FilesetResolver, type FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import { FACE_LANDMARKER_MODEL } from '../shared/version.js';
import { isFaceVerifyError } from '../shared/errors.js';
import { errorMessage } from '../shared/guards.js';
import { mediapipeBase, modelUrl } from './assets.js';
import { blendshapeScore, boxFromLandmarks, distinctFaces, meanLuma, type Point2 } from './face-metrics.js';
import { faceChip } from './face-chip.js';
import { regionPixels } from './region-pixels.js';
import { greyOf, laplacianVariance, meanAbsDiff, patchColour, RepeatDetector, SKIN_LANDMARKS, thumbnail } from './face-pixels.js';
import { headPoseFromMatrix } from './head-pose.js';
import { loadVerifiedModel } from '../shared/verified-model.js';
import type { FaceBox, FrameAnalysis, VisionErrorCode, WorkerRequest, WorkerResponse } from './protocol.js';

/**
 * The few worker-scope members used here. The project's tsconfig has the DOM lib (where `self` is a
 * Window); adding the WebWorker lib to the same program would clash with it, so we declare locally.
 */
interface WorkerScope {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
  close(): void;
}

const scope = self as unknown as WorkerScope;

/** Side of the square the whole frame is scaled down to for its mean luma: 1024 samples are plenty. */
const LUMA_SIZE = 32;
/**
 * Side of the square the face box is drawn into for its pixel measurements: enough for three skin
 * patches of 7×7 and for edges to show in the sharpness measure, cheap to read back every frame.
 */
const FACE_SIZE = 64;
/** Side of the grey thumbnail frames are compared with. */
const THUMB_SIZE = 16;
/** Half-width of each skin patch in FACE_SIZE pixels (≈ 5 % of the face box). */
const SKIN_RADIUS = 3;

let landmarker: FaceLandmarker | null = null;
type WorkerState = 'idle' | 'starting' | 'ready' | 'closed';
let state: WorkerState = 'idle';
/** Read through a function so TypeScript does not narrow `state` across the awaits in init(). */
const currentState = (): WorkerState => state;
let lastTimestamp = -Infinity;
let previousThumb: Float32Array | null = null;
const repeats = new RepeatDetector();

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}

function postError(id: number | null, fatal: boolean, code: VisionErrorCode, message: string): void {
  post({ type: 'error', id, fatal, code, message });
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  switch (request?.type) {
    case 'init':
      void init(request.assetsBase, request.delegate);
      break;
    case 'frame':
      analyseFrame(request.id, request.bitmap, request.t, request.chip === true);
      break;
    case 'close':
      shutDown();
      break;
    default:
      postError(null, false, 'vision-failed', `landmarker worker: unknown message ${JSON.stringify(request)}`);
  }
});

// Anything that escapes the handlers (e.g. a wasm abort inside MediaPipe's async code) would otherwise
// leave the client waiting forever; report it as fatal.
scope.addEventListener('unhandledrejection', (event) => {
  postError(null, true, 'vision-failed', `landmarker worker crashed: ${errorMessage(event.reason)}`);
});

async function init(assetsBase: string, delegate: 'CPU' | 'GPU'): Promise<void> {
  if (state !== 'idle') {
    postError(null, false, 'vision-failed', 'landmarker worker: `init` was sent twice');
    return;
  }
  state = 'starting';
  try {
    const model = await loadVerifiedModel({
      url: modelUrl(assetsBase),
      sha256: FACE_LANDMARKER_MODEL.sha256,
      what: 'the face model',
      name: FACE_LANDMARKER_MODEL.name,
      fixHint:
        'Set the `assets-base` attribute (or `assetsBase` option) to the folder that holds ' +
        `models/${FACE_LANDMARKER_MODEL.file} and mediapipe/, or run \`npm run model\` and rebuild so the ` +
        'build copies a verified model there.',
    });
    const createStarted = performance.now();
    const wasmBase = mediapipeBase(assetsBase);
    let created: FaceLandmarker;
    try {
      // `true` selects vision_wasm_module_internal.*: the classic loader relies on importScripts
      // setting a global, which module workers do not have ("ModuleFactory not set").
      const fileset = await FilesetResolver.forVisionTasks(wasmBase, true);
      created = await FaceLandmarker.createFromOptions(fileset, {
        baseOptions: { modelAssetBuffer: model.bytes, delegate },
        runningMode: 'VIDEO',
        // Two, so guidance can see a second person; more would only cost time.
        numFaces: 2,
        outputFaceBlendshapes: true,
        outputFacialTransformationMatrixes: true,
      });
    } catch (cause) {
      throw new Error(
        `could not start MediaPipe from ${wasmBase}/vision_wasm_module_internal.js (${errorMessage(cause)}). ` +
          'Check that `assets-base` points at the folder whose mediapipe/ holds the files of ' +
          '@mediapipe/tasks-vision/wasm/, served with Content-Type application/wasm for .wasm.',
      );
    }
    if (currentState() === 'closed') {
      created.close();
      return;
    }
    landmarker = created;
    state = 'ready';
    post({
      type: 'ready',
      timings: {
        modelFetchMs: model.fetchMs,
        modelVerifyMs: model.verifyMs,
        landmarkerCreateMs: performance.now() - createStarted,
      },
    });
  } catch (error) {
    if (currentState() === 'closed') return;
    state = 'closed';
    const code = isFaceVerifyError(error) ? (error.code as VisionErrorCode) : 'vision-failed';
    postError(null, true, code, isFaceVerifyError(error) ? error.message : `Face landmarker: ${errorMessage(error)}`);
  }
}

function analyseFrame(id: number, bitmap: ImageBitmap, t: number, withChip: boolean): void {
  const started = performance.now();
  try {
    if (state !== 'ready' || !landmarker) {
      postError(id, state === 'closed', 'vision-failed', `landmarker worker: frame received while ${state}`);
      return;
    }
    // MediaPipe's VIDEO mode tracks across frames and aborts on a timestamp that does not increase.
    if (!(t > lastTimestamp) || !Number.isFinite(t)) {
      postError(id, false, 'vision-failed', `frame timestamps must strictly increase (got ${t} after ${lastTimestamp})`);
      return;
    }
    lastTimestamp = t;
    const result = landmarker.detectForVideo(bitmap, t);
    const boxes = result.faceLandmarks.map((landmarks) => boxFromLandmarks(landmarks));
    // Largest first (the person being verified is nearest), duplicates of one face dropped.
    const order = distinctFaces(boxes);
    const analysis = summarise(result, boxes, order, bitmap, t);
    const primary = order[0] === undefined ? undefined : result.faceLandmarks[order[0]];
    const chip = withChip && primary ? faceChip(bitmap, primary) : null;
    if (chip) analysis.chip = chip;
    analysis.latencyMs = performance.now() - started;
    scope.postMessage({ type: 'result', id, analysis }, chip ? [chip.rgb.buffer] : []);
  } catch (error) {
    postError(id, false, 'vision-failed', `face landmarking failed: ${errorMessage(error)}`);
  } finally {
    // The bitmap was transferred to us: nobody else can free its pixels.
    bitmap.close();
  }
}

function summarise(result: FaceLandmarkerResult, boxes: readonly (FaceBox | null)[], order: readonly number[], bitmap: ImageBitmap, t: number): FrameAnalysis {
  const { width, height } = bitmap;
  const primary = order[0];
  const faceBoxes = order.map((i) => boxes[i]!) as FaceBox[];
  const box = primary === undefined ? null : boxes[primary]!;
  const pose = primary === undefined ? null : headPoseFromMatrix(result.facialTransformationMatrixes[primary]?.data);
  const blendshapes = primary === undefined ? undefined : result.faceBlendshapes[primary]?.categories;
  const pixels = box && primary !== undefined ? facePixels(bitmap, box, result.faceLandmarks[primary]!, t) : null;
  const smileL = blendshapeScore(blendshapes, 'mouthSmileLeft');
  const smileR = blendshapeScore(blendshapes, 'mouthSmileRight');
  return {
    t,
    faces: order.length,
    box,
    yaw: pose?.yaw ?? null,
    pitch: pose?.pitch ?? null,
    roll: pose?.roll ?? null,
    // MediaPipe's names, passed through unchanged.
    blinkL: blendshapeScore(blendshapes, 'eyeBlinkLeft'),
    blinkR: blendshapeScore(blendshapes, 'eyeBlinkRight'),
    luma: pixels?.luma ?? null,
    skin: pixels?.skin ?? null,
    smile: smileL === null || smileR === null ? null : (smileL + smileR) / 2,
    sharp: pixels?.sharp ?? null,
    motion: pixels?.motion ?? null,
    repeat: pixels?.repeat ?? false,
    latencyMs: 0,
    width,
    height,
    faceBoxes,
    landmarkCount: primary === undefined ? 0 : result.faceLandmarks[primary]!.length,
    frameLuma: regionLuma(bitmap, { x: 0, y: 0, w: 1, h: 1 }) ?? 0,
  };
}

/**
 * The face box drawn once into FACE_SIZE²: its luma, the skin's colour at the skin landmarks, the
 * sharpness, the change since the previous frame and whether it repeats an older frame.
 */
function facePixels(bitmap: ImageBitmap, box: FaceBox, landmarks: readonly Point2[], t: number) {
  const region = regionPixels(bitmap, box, FACE_SIZE);
  if (!region) return null;
  const { rect, rgba } = region;
  const grey = greyOf(rgba);
  const toCrop = (p: Point2): Point2 => ({
    x: ((p.x * bitmap.width - rect.sx) / rect.sw) * FACE_SIZE,
    y: ((p.y * bitmap.height - rect.sy) / rect.sh) * FACE_SIZE,
  });
  const points = SKIN_LANDMARKS.map((i) => landmarks[i]).filter((p): p is NonNullable<typeof p> => p !== undefined).map(toCrop);
  const thumb = thumbnail(grey, FACE_SIZE, THUMB_SIZE);
  const motion = previousThumb ? meanAbsDiff(previousThumb, thumb) : null;
  previousThumb = thumb;
  return {
    luma: meanLuma(rgba),
    skin: patchColour(rgba, FACE_SIZE, points, SKIN_RADIUS),
    sharp: laplacianVariance(grey, FACE_SIZE),
    motion,
    repeat: repeats.push(t, thumb),
  };
}

/** Mean luma of a normalised region, from a LUMA_SIZE² downscale. */
function regionLuma(bitmap: ImageBitmap, box: FaceBox): number | null {
  const region = regionPixels(bitmap, box, LUMA_SIZE);
  return region ? meanLuma(region.rgba) : null;
}

function shutDown(): void {
  state = 'closed';
  try {
    landmarker?.close();
  } catch {
    // Freeing is best effort: the worker is about to end, which releases the wasm heap anyway.
  }
  landmarker = null;
  post({ type: 'closed' });
  scope.close();
}

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
import { blendshapeScore, boxFromLandmarks, clipToFrame, distinctFaces, meanLuma } from './face-metrics.js';
import { headPoseFromMatrix } from './head-pose.js';
import { loadVerifiedModel } from './model-loader.js';
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

/** Side of the square the face box is scaled down to for its mean luma: 1024 samples are plenty. */
const LUMA_SIZE = 32;

let landmarker: FaceLandmarker | null = null;
type WorkerState = 'idle' | 'starting' | 'ready' | 'closed';
let state: WorkerState = 'idle';
/** Read through a function so TypeScript does not narrow `state` across the awaits in init(). */
const currentState = (): WorkerState => state;
let lastTimestamp = -Infinity;
let lumaContext: OffscreenCanvasRenderingContext2D | null = null;

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
      analyseFrame(request.id, request.bitmap, request.t);
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
    const model = await loadVerifiedModel({ url: modelUrl(assetsBase), sha256: FACE_LANDMARKER_MODEL.sha256 });
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

function analyseFrame(id: number, bitmap: ImageBitmap, t: number): void {
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
    const analysis = summarise(result, bitmap, t);
    analysis.latencyMs = performance.now() - started;
    post({ type: 'result', id, analysis });
  } catch (error) {
    postError(id, false, 'vision-failed', `face landmarking failed: ${errorMessage(error)}`);
  } finally {
    // The bitmap was transferred to us: nobody else can free its pixels.
    bitmap.close();
  }
}

function summarise(result: FaceLandmarkerResult, bitmap: ImageBitmap, t: number): FrameAnalysis {
  const { width, height } = bitmap;
  const boxes = result.faceLandmarks.map((landmarks) => boxFromLandmarks(landmarks));
  // Largest first (the person being verified is nearest), duplicates of one face dropped.
  const order = distinctFaces(boxes);
  const primary = order[0];
  const faceBoxes = order.map((i) => boxes[i]!) as FaceBox[];
  const box = primary === undefined ? null : boxes[primary]!;
  const pose = primary === undefined ? null : headPoseFromMatrix(result.facialTransformationMatrixes[primary]?.data);
  const blendshapes = primary === undefined ? undefined : result.faceBlendshapes[primary]?.categories;
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
    luma: box ? regionLuma(bitmap, box) : null,
    latencyMs: 0,
    width,
    height,
    faceBoxes,
    landmarkCount: primary === undefined ? 0 : result.faceLandmarks[primary]!.length,
    frameLuma: regionLuma(bitmap, { x: 0, y: 0, w: 1, h: 1 }) ?? 0,
  };
}

/**
 * Mean luma of a normalised region, from a LUMA_SIZE² downscale. 'high' smoothing makes the
 * browser filter (average) while shrinking instead of picking sparse pixels, so the mean is stable.
 */
function regionLuma(bitmap: ImageBitmap, box: FaceBox): number | null {
  const rect = clipToFrame(box, bitmap.width, bitmap.height);
  if (!rect) return null;
  if (!lumaContext) {
    lumaContext = new OffscreenCanvas(LUMA_SIZE, LUMA_SIZE).getContext('2d', { willReadFrequently: true });
    if (!lumaContext) return null;
    lumaContext.imageSmoothingQuality = 'high';
  }
  lumaContext.drawImage(bitmap, rect.sx, rect.sy, rect.sw, rect.sh, 0, 0, LUMA_SIZE, LUMA_SIZE);
  return meanLuma(lumaContext.getImageData(0, 0, LUMA_SIZE, LUMA_SIZE).data);
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

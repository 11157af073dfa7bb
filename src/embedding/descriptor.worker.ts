/**
 * Module worker that owns the face descriptor: TensorFlow.js core on its wasm backend, dlib's ResNet
 * weights (checked against their pinned SHA-256), and the forward pass. Loaded only in the embedding
 * mode and only after the person agreed: the element imports this worker lazily.
 *
 * Protocol (protocol.ts): `init` → `ready` | `error`; `describe` (chips transferred) →
 * `descriptors` | `error` with its id; `close` → `closed`. Every failure is answered with a typed
 * `error`, so the client never waits on a reply that will not come.
 */
import { env, getBackend, ready, setBackend } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { isFaceVerifyError } from '../shared/errors.js';
import { errorMessage } from '../shared/guards.js';
import { loadVerifiedModel, type ModelSpec } from '../shared/verified-model.js';
import { FACE_DESCRIPTOR_MODEL } from '../shared/version.js';
import { descriptorWeightUrls, tfjsWasmBase } from './assets.js';
import { DescriptorNet } from './descriptor-net.js';
import { parseDescriptorWeights } from './descriptor-weights.js';
import type { DescriptorRequest, DescriptorResponse, EmbeddingErrorCode } from './protocol.js';

/** The worker-scope members used here (the project's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  postMessage(message: DescriptorResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DescriptorRequest>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
  close(): void;
}

const scope = self as unknown as WorkerScope;
type WorkerState = 'idle' | 'starting' | 'ready' | 'closed';
let state: WorkerState = 'idle';
const currentState = (): WorkerState => state;
let net: DescriptorNet | null = null;
/** Requests are answered one at a time, in order: tfjs's wasm backend runs one op at a time anyway. */
let queue: Promise<void> = Promise.resolve();

function postError(id: number | null, fatal: boolean, code: EmbeddingErrorCode, message: string): void {
  scope.postMessage({ type: 'error', id, fatal, code, message });
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  switch (request?.type) {
    case 'init':
      void init(request.assetsBase);
      break;
    case 'describe':
      queue = queue.then(() => describe(request.id, request.chips));
      break;
    case 'close':
      shutDown();
      break;
    default:
      postError(null, false, 'embedding-failed', `descriptor worker: unknown message ${JSON.stringify(request)}`);
  }
});

scope.addEventListener('unhandledrejection', (event) => {
  postError(null, true, 'embedding-failed', `descriptor worker crashed: ${errorMessage(event.reason)}`);
});

const FIX_HINT =
  'Set the `assets-base` attribute (or `assetsBase` option) to the folder the build wrote, whose ' +
  `models/ holds ${FACE_DESCRIPTOR_MODEL.weights.file} and its manifest (copied from ` +
  `${FACE_DESCRIPTOR_MODEL.package}@${FACE_DESCRIPTOR_MODEL.packageVersion} by \`npm run build\`).`;

async function init(assetsBase: string): Promise<void> {
  if (state !== 'idle') {
    postError(null, false, 'embedding-failed', 'descriptor worker: `init` was sent twice');
    return;
  }
  state = 'starting';
  try {
    const urls = descriptorWeightUrls(assetsBase);
    const spec = (url: string, sha256: string, file: string): ModelSpec => ({
      url, sha256, what: 'the face descriptor weights', name: `${FACE_DESCRIPTOR_MODEL.name} ${file}`, fixHint: FIX_HINT, failCode: 'embedding-failed',
    });
    const fetchStarted = performance.now();
    const [manifest, weights] = await Promise.all([
      loadVerifiedModel(spec(urls.manifest, FACE_DESCRIPTOR_MODEL.manifest.sha256, FACE_DESCRIPTOR_MODEL.manifest.file)),
      loadVerifiedModel(spec(urls.weights, FACE_DESCRIPTOR_MODEL.weights.sha256, FACE_DESCRIPTOR_MODEL.weights.file)),
    ]);
    const weightsFetchMs = performance.now() - fetchStarted;
    const backendStarted = performance.now();
    // Threads need a cross-origin-isolated page and a binary the build does not ship.
    env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(tfjsWasmBase(assetsBase));
    let started = false;
    try {
      started = await setBackend('wasm');
      await ready();
    } catch (cause) {
      throw new Error(`could not start the tfjs wasm backend from ${tfjsWasmBase(assetsBase)} (${errorMessage(cause)}); serve .wasm with Content-Type application/wasm`);
    }
    if (!started || getBackend() !== 'wasm') throw new Error(`could not start the tfjs wasm backend from ${tfjsWasmBase(assetsBase)}`);
    const backendMs = performance.now() - backendStarted;
    const netStarted = performance.now();
    const created = new DescriptorNet(parseDescriptorWeights(new TextDecoder().decode(manifest.bytes), weights.bytes));
    if (currentState() === 'closed') {
      created.dispose();
      return;
    }
    net = created;
    state = 'ready';
    const simd = (await env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    scope.postMessage({ type: 'ready', backend: getBackend(), simd, timings: { weightsFetchMs, backendMs, netMs: performance.now() - netStarted } });
  } catch (error) {
    if (currentState() === 'closed') return;
    state = 'closed';
    const code = isFaceVerifyError(error) ? (error.code as EmbeddingErrorCode) : 'embedding-failed';
    postError(null, true, code, isFaceVerifyError(error) ? error.message : `Face descriptor: ${errorMessage(error)}`);
  }
}

async function describe(id: number, chips: Uint8Array[]): Promise<void> {
  if (state !== 'ready' || !net) {
    postError(id, state === 'closed', 'embedding-failed', `descriptor worker: chips received while ${state}`);
    return;
  }
  try {
    const started = performance.now();
    const descriptors = await net.describe(chips);
    const ms = performance.now() - started;
    scope.postMessage({ type: 'descriptors', id, descriptors, ms }, descriptors.map((d) => d.buffer as ArrayBuffer));
  } catch (error) {
    postError(id, false, 'embedding-failed', `face descriptor failed: ${errorMessage(error)}`);
  }
}

function shutDown(): void {
  state = 'closed';
  net?.dispose();
  net = null;
  scope.postMessage({ type: 'closed' });
  scope.close();
}

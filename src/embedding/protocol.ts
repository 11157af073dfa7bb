/**
 * Messages between the descriptor worker and its main-thread client. Only plain data and
 * transferable buffers cross the boundary.
 */

/** Error codes the embedding layer reports (a subset of the widget's codes). */
export type EmbeddingErrorCode = 'model-missing' | 'model-integrity' | 'embedding-failed';

/** How long each step of starting the worker took, ms. */
export interface DescriptorInitTimings {
  /** Downloading and checking both weight files. */
  weightsFetchMs: number;
  /** Starting the tfjs wasm backend. */
  backendMs: number;
  /** Parsing the weights and uploading them to the backend. */
  netMs: number;
}

export type DescriptorRequest =
  | { type: 'init'; assetsBase: string }
  /** `chips`: 150·150·3 RGB bytes each (transferred). */
  | { type: 'describe'; id: number; chips: Uint8Array[] }
  | { type: 'close' };

export type DescriptorResponse =
  | { type: 'ready'; timings: DescriptorInitTimings; backend: string; simd: boolean }
  /** One raw descriptor per chip, in order; `ms` is the forward pass alone. */
  | { type: 'descriptors'; id: number; descriptors: Float32Array[]; ms: number }
  | { type: 'error'; id: number | null; fatal: boolean; code: EmbeddingErrorCode; message: string }
  | { type: 'closed' };

/**
 * Reads the dlib ResNet face-descriptor weights in the TensorFlow.js "weights manifest" layout that
 * `@vladmandic/face-api` ships them in: a JSON list of tensors (name, shape, dtype, optional uint8
 * quantisation) and one binary file holding them back to back in that order. Pure: bytes in,
 * float32 tensors out, every size checked, so a truncated or foreign file fails here with its name
 * rather than as nonsense numbers later.
 */

/** One tensor of the network, dequantised. */
export interface WeightTensor {
  shape: readonly number[];
  values: Float32Array;
}

/** All tensors by name (`conv32_down/conv/filters`, …, `fc`). */
export type DescriptorWeights = ReadonlyMap<string, WeightTensor>;

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: { dtype: 'uint8'; scale: number; min: number };
}

/** Residual blocks of the network in order, with whether each halves the resolution. */
export const DESCRIPTOR_BLOCKS: readonly { name: string; down: boolean }[] = Object.freeze([
  { name: 'conv32_1', down: false }, { name: 'conv32_2', down: false }, { name: 'conv32_3', down: false },
  { name: 'conv64_down', down: true }, { name: 'conv64_1', down: false }, { name: 'conv64_2', down: false }, { name: 'conv64_3', down: false },
  { name: 'conv128_down', down: true }, { name: 'conv128_1', down: false }, { name: 'conv128_2', down: false },
  { name: 'conv256_down', down: true }, { name: 'conv256_1', down: false }, { name: 'conv256_2', down: false },
  { name: 'conv256_down_out', down: true },
]);

/** Every tensor name the forward pass reads. */
export function descriptorTensorNames(): string[] {
  const conv = (prefix: string) => [`${prefix}/conv/filters`, `${prefix}/conv/bias`, `${prefix}/scale/weights`, `${prefix}/scale/biases`];
  return [...conv('conv32_down'), ...DESCRIPTOR_BLOCKS.flatMap((b) => [...conv(`${b.name}/conv1`), ...conv(`${b.name}/conv2`)]), 'fc'];
}

/**
 * @param manifestJson - the text of `face_recognition_model-weights_manifest.json`.
 * @param bin - the bytes of `face_recognition_model.bin`.
 * @throws Error naming what is wrong: not a manifest, a tensor missing, sizes that do not add up.
 */
export function parseDescriptorWeights(manifestJson: string, bin: Uint8Array): DescriptorWeights {
  let groups: unknown;
  try {
    groups = JSON.parse(manifestJson);
  } catch {
    throw new Error('descriptor weights: the manifest is not JSON');
  }
  if (!Array.isArray(groups) || groups.length !== 1 || !Array.isArray((groups[0] as { weights?: unknown }).weights)) {
    throw new Error('descriptor weights: the manifest must hold one group with a `weights` list');
  }
  const entries = (groups[0] as { weights: ManifestEntry[] }).weights;
  const tensors = new Map<string, WeightTensor>();
  let offset = 0;
  for (const entry of entries) {
    const size = entry.shape.reduce((a, b) => a * b, 1);
    const q = entry.quantization;
    if (entry.dtype !== 'float32' || (q && q.dtype !== 'uint8')) {
      throw new Error(`descriptor weights: ${entry.name} is ${entry.dtype}${q ? `/${q.dtype}` : ''}; only float32 and uint8-quantised float32 are read`);
    }
    const bytes = size * (q ? 1 : 4);
    if (offset + bytes > bin.byteLength) {
      throw new Error(`descriptor weights: the binary ends inside ${entry.name} (needs ${offset + bytes} bytes, has ${bin.byteLength})`);
    }
    const values = new Float32Array(size);
    if (q) {
      for (let i = 0; i < size; i++) values[i] = q.min + q.scale * bin[offset + i]!;
    } else {
      // Copied, since the tensor's offset in the file need not be 4-byte aligned.
      new Uint8Array(values.buffer).set(bin.subarray(offset, offset + bytes));
    }
    tensors.set(entry.name, { shape: [...entry.shape], values });
    offset += bytes;
  }
  if (offset !== bin.byteLength) {
    throw new Error(`descriptor weights: the manifest describes ${offset} bytes but the binary has ${bin.byteLength}`);
  }
  const missing = descriptorTensorNames().filter((n) => !tensors.has(n));
  if (missing.length > 0) throw new Error(`descriptor weights: missing ${missing.join(', ')}; is this face_recognition_model?`);
  const fc = tensors.get('fc')!;
  if (fc.shape.join() !== '256,128') throw new Error(`descriptor weights: fc has shape [${fc.shape.join(', ')}], expected [256, 128]`);
  return tensors;
}

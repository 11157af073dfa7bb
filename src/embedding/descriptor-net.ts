/**
 * The forward pass of dlib's ResNet face descriptor (dlib_face_recognition_resnet_model_v1: a
 * 29-layer ResNet-34 variant, 150×150 RGB in, 128 numbers out; its author put the weights in the
 * public domain). Written on tfjs-core ops so the same code runs on the wasm backend in the worker
 * and on the cpu backend in Node; the backend is chosen by whoever imports this.
 *
 * Shape of the network: a 7×7 stride-2 convolution and a 3×3 max-pool, then residual blocks at 32,
 * 64, 128 and 256 channels; a "down" block halves the resolution with a stride-2 convolution and
 * adds the input average-pooled 2×2 (zero channels appended, zero rows/columns where the sizes
 * round differently); every convolution is followed by dlib's affine "scale" layer; then a global
 * average and a 256→128 fully connected layer, without normalisation (the template step normalises).
 */
import {
  add, avgPool, concat, conv2d, dispose, matMul, maxPool, mean, mul, pad, relu, tensor1d, tensor2d, tensor4d, tidy, zeros,
  type Tensor1D, type Tensor2D, type Tensor4D,
} from '@tensorflow/tfjs-core';
import { DESCRIPTOR_BLOCKS, type DescriptorWeights } from './descriptor-weights.js';

/** Side of the square input, px. */
export const DESCRIPTOR_INPUT_SIZE = 150;
/** Length of a descriptor. */
export const DESCRIPTOR_LENGTH = 128;
/**
 * dlib's input normalisation: the training set's mean colour subtracted, then divided by 256
 * (dlib's `input_rgb_image_sized`).
 */
export const DESCRIPTOR_MEAN_RGB: readonly [number, number, number] = [122.782, 117.001, 104.298];
const INPUT_DIVISOR = 256;

interface ConvParams { filters: Tensor4D; bias: Tensor1D; scaleWeights: Tensor1D; scaleBiases: Tensor1D }

/** The network with its weights uploaded to the current tfjs backend. */
export class DescriptorNet {
  readonly #convs = new Map<string, ConvParams>();
  readonly #fc: Tensor2D;
  #disposed = false;

  /** @param weights - from {@link parseDescriptorWeights}. */
  constructor(weights: DescriptorWeights) {
    const get = (name: string) => {
      const t = weights.get(name);
      if (!t) throw new Error(`DescriptorNet: weights lack ${name}`);
      return t;
    };
    const load = (prefix: string) => {
      const f = get(`${prefix}/conv/filters`);
      this.#convs.set(prefix, {
        filters: tensor4d(f.values, f.shape as [number, number, number, number]),
        bias: tensor1d(get(`${prefix}/conv/bias`).values),
        scaleWeights: tensor1d(get(`${prefix}/scale/weights`).values),
        scaleBiases: tensor1d(get(`${prefix}/scale/biases`).values),
      });
    };
    load('conv32_down');
    for (const b of DESCRIPTOR_BLOCKS) {
      load(`${b.name}/conv1`);
      load(`${b.name}/conv2`);
    }
    const fc = get('fc');
    this.#fc = tensor2d(fc.values, fc.shape as [number, number]);
  }

  /**
   * Descriptors of aligned face crops.
   * @param crops - each 150×150×3 RGB bytes, row-major (the chips the landmarker worker cuts, `vision/chip-warp.ts`).
   * @returns one raw (unnormalised) 128-float descriptor per crop, in order.
   */
  async describe(crops: readonly Uint8Array[]): Promise<Float32Array[]> {
    if (this.#disposed) throw new Error('DescriptorNet: describe() after dispose()');
    const side = DESCRIPTOR_INPUT_SIZE;
    for (const [i, c] of crops.entries()) {
      if (c.length !== side * side * 3) throw new Error(`DescriptorNet.describe: crops[${i}] has ${c.length} bytes, expected ${side * side * 3} (150×150 RGB)`);
    }
    if (crops.length === 0) return [];
    const input = new Float32Array(crops.length * side * side * 3);
    crops.forEach((crop, n) => {
      const base = n * side * side * 3;
      for (let i = 0; i < crop.length; i++) input[base + i] = (crop[i]! - DESCRIPTOR_MEAN_RGB[i % 3]!) / INPUT_DIVISOR;
    });
    const out = tidy(() => this.#forward(tensor4d(input, [crops.length, side, side, 3])));
    const flat = await out.data();
    dispose(out);
    return crops.map((_, n) => Float32Array.from(flat.subarray(n * DESCRIPTOR_LENGTH, (n + 1) * DESCRIPTOR_LENGTH)));
  }

  /** Frees the weights on the backend. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const p of this.#convs.values()) dispose([p.filters, p.bias, p.scaleWeights, p.scaleBiases]);
    dispose(this.#fc);
  }

  #forward(x: Tensor4D): Tensor2D {
    let out = this.#conv(x, 'conv32_down', 2, true, 'valid');
    out = maxPool(out, 3, 2, 'valid');
    for (const b of DESCRIPTOR_BLOCKS) out = b.down ? this.#residualDown(out, b.name) : this.#residual(out, b.name);
    return matMul(mean(out, [1, 2]) as Tensor2D, this.#fc);
  }

  #conv(x: Tensor4D, name: string, stride: 1 | 2, withRelu: boolean, padding: 'same' | 'valid'): Tensor4D {
    const p = this.#convs.get(name)!;
    const y = add(mul(add(conv2d(x, p.filters, stride, padding), p.bias), p.scaleWeights), p.scaleBiases) as Tensor4D;
    return withRelu ? relu(y) : y;
  }

  #residual(x: Tensor4D, name: string): Tensor4D {
    const y = this.#conv(this.#conv(x, `${name}/conv1`, 1, true, 'same'), `${name}/conv2`, 1, false, 'same');
    return relu(add(y, x)) as Tensor4D;
  }

  #residualDown(x: Tensor4D, name: string): Tensor4D {
    let y = this.#conv(this.#conv(x, `${name}/conv1`, 2, true, 'valid'), `${name}/conv2`, 1, false, 'same');
    let shortcut = avgPool(x, 2, 2, 'valid');
    const [, ph, pw, pc] = shortcut.shape;
    const [, yh, yw, yc] = y.shape;
    // A stride-2 valid convolution rounds an odd size down where the 2×2 pool rounds it up: the
    // convolution's output gets zero rows and columns at the bottom and right to match.
    if (ph !== yh || pw !== yw) y = pad(y, [[0, 0], [0, ph - yh], [0, pw - yw], [0, 0]]);
    if (pc !== yc) shortcut = concat([shortcut, zeros([shortcut.shape[0], ph, pw, yc - pc])], 3);
    return relu(add(shortcut, y)) as Tensor4D;
  }
}

/**
 * The descriptor worker in Chromium on real face photos: the chips the landmarker worker cuts, the
 * forward pass on tfjs's wasm backend, checked against face-api's own FaceRecognitionNet (an
 * independent implementation of the same network, with its own bundled tfjs) on the same chips; and
 * its failure paths, counting workers.
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';
import { FaceDescriptorClient } from '../../../src/embedding/descriptor-client.js';
import { DESCRIPTOR_MEAN_RGB } from '../../../src/embedding/descriptor-net.js';
import { distance, unitVector } from '../../../src/embedding/template.js';
import { FACE_DESCRIPTOR_MODEL } from '../../../src/shared/version.js';
import { assert, assertRejectsWithCode } from '../helpers/assert.js';
import { spyOnWorkers } from '../helpers/element.js';
import { after, before, describe, it } from '../helpers/mocha.js';
import { createClient, releaseAll } from '../helpers/session.js';
import { letterbox } from '../../../eval/letterbox.js';

const PHOTOS = '/__wds-outside-root__/1/shared/media/photos/';
const FILES = ['obama_1.jpg', 'obama_2.jpg', 'biden_1.jpg', 'biden_2.jpg', 'lacamoire_1.jpg', 'lacamoire_2.jpg'];
const ASSETS = new URL('/fv-assets/', location.href).href;
let t = 0;


describe('the face descriptor worker on real photos', () => {
  const chips = new Map<string, Uint8Array>();
  const ours = new Map<string, Float32Array>();
  let client: FaceDescriptorClient;

  before(async function () {
    this.timeout(180_000);
    const landmarker = await createClient();
    for (const file of FILES) {
      const image = await createImageBitmap(await (await fetch(PHOTOS + file)).blob());
      // MediaPipe's VIDEO mode may need a second look at a new picture before it finds the face.
      let analysis = await landmarker.analyse(letterbox(image), (t += 1000), { chip: true });
      for (let tries = 1; !analysis.chip && tries < 3; tries++) analysis = await landmarker.analyse(letterbox(image), (t += 1000), { chip: true });
      assert(analysis.chip, `${file}: no chip was cut (${analysis.faces} faces)`);
      assert(analysis.chip.rgb.length === 150 * 150 * 3, `${file}: chip of ${analysis.chip.rgb.length} bytes`);
      chips.set(file, analysis.chip.rgb);
    }
    client = await FaceDescriptorClient.create({ assetsBase: ASSETS });
    // describe() transfers the chips; send copies so the reference below gets the same pixels.
    const { descriptors } = await client.describe(FILES.map((f) => chips.get(f)!.slice()));
    FILES.forEach((f, i) => ours.set(f, descriptors[i]!));
  });
  after(() => {
    client?.close();
    releaseAll();
  });

  it('runs on the wasm backend with SIMD, and reports how long starting took', () => {
    assert(client.info.backend === 'wasm', `backend ${client.info.backend}`);
    assert(client.info.simd, 'SIMD wasm (every current browser has it)');
    assert(client.info.timings.totalMs > 0 && client.info.timings.weightsFetchMs > 0, JSON.stringify(client.info.timings));
  });

  it("agrees with face-api's own FaceRecognitionNet on the same chips to 1e-4 per number", async function () {
    this.timeout(120_000);
    // face-api's bundled tfjs; its typings leave out the engine functions.
    const tf = faceapi.tf as typeof faceapi.tf & { setBackend(name: string): Promise<boolean>; ready(): Promise<void> };
    await tf.setBackend('cpu');
    await tf.ready();
    const dir = '/node_modules/@vladmandic/face-api/model/';
    const manifest = await (await fetch(dir + FACE_DESCRIPTOR_MODEL.manifest.file)).json();
    const bin = await (await fetch(dir + FACE_DESCRIPTOR_MODEL.weights.file)).arrayBuffer();
    const net = new faceapi.FaceRecognitionNet();
    net.loadFromWeightMap(tf.io.decodeWeights(bin, manifest[0].weights));
    let worst = 0;
    for (const file of FILES) {
      // face-api divides by 255 where dlib divides by 256: feed it the pixels pre-scaled so both
      // networks see the same numbers.
      const rgb = chips.get(file)!;
      const input = Float32Array.from(rgb, (v, i) => DESCRIPTOR_MEAN_RGB[i % 3]! + ((v - DESCRIPTOR_MEAN_RGB[i % 3]!) * 255) / 256);
      const reference = (await net.computeFaceDescriptor(tf.tensor3d(input, [150, 150, 3]))) as Float32Array;
      const mine = ours.get(file)!;
      const diff = mine.reduce((m, v, i) => Math.max(m, Math.abs(v - reference[i]!)), 0);
      worst = Math.max(worst, diff);
    }
    console.log(`largest difference from face-api's implementation: ${worst.toExponential(2)}`);
    assert(worst < 1e-4, `differs by ${worst}`);
  });

  it('each person is nearer their own other photo than anyone else on these photos', () => {
    const unit = (f: string) => unitVector(ours.get(f)!)!;
    const person = (f: string) => f.replace(/_\d\.jpg$/, '');
    for (const a of FILES) {
      const same = FILES.filter((b) => b !== a && person(b) === person(a)).map((b) => distance(unit(a), unit(b)));
      const others = FILES.filter((b) => person(b) !== person(a)).map((b) => distance(unit(a), unit(b)));
      assert(Math.max(...same) < Math.min(...others), `${a}: own ${same.map((d) => d.toFixed(3))}, nearest other ${Math.min(...others).toFixed(3)}`);
    }
  });
});

describe('the face descriptor worker when its files are wrong', () => {
  it("weights with a flipped byte are 'model-integrity', a missing file 'model-missing'; both end the worker", async function () {
    this.timeout(60_000);
    const workers = spyOnWorkers();
    try {
      const corrupt = await assertRejectsWithCode(FaceDescriptorClient.create({ assetsBase: new URL('/fv-test-assets/corrupt-model/', location.href).href }), 'model-integrity', 'corrupt weights');
      assert(corrupt.message.includes(FACE_DESCRIPTOR_MODEL.weights.sha256), corrupt.message);
      const missing = await assertRejectsWithCode(FaceDescriptorClient.create({ assetsBase: new URL('/fv-test-assets/no-model/', location.href).href }), 'model-missing', 'missing weights');
      assert(/HTTP 404/.test(missing.message) && missing.message.includes('npm run build'), missing.message);
      assert(workers.instances.length === 2, `${workers.instances.length} workers started`);
      assert(workers.instances.every((w) => workers.terminated.has(w)), 'every worker terminated');
    } finally {
      workers.restore();
    }
  });

  it('a relative assets base is refused before any worker starts', async () => {
    const workers = spyOnWorkers();
    try {
      let error: unknown;
      try {
        await FaceDescriptorClient.create({ assetsBase: '/fv-assets/' });
      } catch (e) {
        error = e;
      }
      assert(error instanceof TypeError && /absolute URL/.test(error.message), String(error));
      assert(workers.instances.length === 0, 'no worker');
    } finally {
      workers.restore();
    }
  });
});

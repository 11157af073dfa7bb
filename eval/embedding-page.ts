/**
 * The page side of `npm run eval:embedding`, built by eval/vite.embedding.config.ts: the widget's
 * own landmarker worker cuts each photo's chip, its own descriptor worker describes it. Exposes
 * `window.fvEval.describe(urls)` to the Playwright driver.
 */
import { FaceDescriptorClient } from '../src/embedding/descriptor-client.js';
import { FaceLandmarkerClient } from '../src/vision/landmarker-client.js';
import { letterbox } from './letterbox.js';



export interface PhotoResult {
  url: string;
  /** The raw descriptor, or null when no single face was found. */
  descriptor: number[] | null;
  faces: number;
  /** Frame pixels per chip pixel (below 1: the face was upscaled). */
  scale: number | null;
  ms: number | null;
}

async function describe(urls: string[]): Promise<{ results: PhotoResult[]; info: unknown }> {
  const assetsBase = new URL('./', location.href).href;
  const landmarker = await FaceLandmarkerClient.create({ assetsBase });
  const descriptor = await FaceDescriptorClient.create({ assetsBase });
  let t = 0;
  const results: PhotoResult[] = [];
  try {
    for (const url of urls) {
      const image = await createImageBitmap(await (await fetch(url)).blob());
      // MediaPipe's VIDEO mode may need a second look at a new picture; times far apart so nothing
      // carries over from the previous photo.
      let analysis = await landmarker.analyse(letterbox(image), (t += 1000), { chip: true });
      for (let tries = 1; (!analysis.chip || analysis.faces !== 1) && tries < 3; tries++) analysis = await landmarker.analyse(letterbox(image), (t += 1000), { chip: true });
      if (!analysis.chip || analysis.faces !== 1) {
        results.push({ url, descriptor: null, faces: analysis.faces, scale: null, ms: null });
        continue;
      }
      const scale = analysis.chip.framePxPerChipPx;
      const { descriptors, ms } = await descriptor.describe([analysis.chip.rgb]);
      results.push({ url, descriptor: Array.from(descriptors[0]!), faces: 1, scale, ms });
    }
    return { results, info: descriptor.info };
  } finally {
    landmarker.close();
    descriptor.close();
  }
}

(window as unknown as { fvEval: unknown }).fvEval = { describe };

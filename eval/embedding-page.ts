/**
 * The page side of `npm run eval:embedding`, built by eval/vite.embedding.config.ts: the widget's
 * own landmarker worker cuts each photo's chip, its own descriptor worker describes it. Exposes
 * `window.fvEval.describe(urls)` (photos, for eval/embedding.ts) and `window.fvEval.describeClip(urls,
 * fps)` (a clip's frames, for eval/template-spread.ts) to the Playwright driver.
 */
import { ChipCollector } from '../src/embedding/chip-collector.js';
import { FaceDescriptorClient } from '../src/embedding/descriptor-client.js';
import type { FrameCandidate } from '../src/embedding/frame-choice.js';
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

/** One frame of a clip that the widget would have cut a chip from, with its descriptor. */
export interface ClipFrame {
  candidate: FrameCandidate;
  descriptor: number[];
}

/**
 * A clip's frames in order, as the capture sees them: each analysed at its own time, a chip asked
 * for by the widget's own collector rule (after a good frame, at most every 200 ms), and every
 * chip of an acceptable frame described. Which of them a 5-s capture would combine is the
 * driver's job.
 */
async function describeClip(urls: string[], fps: number): Promise<{ frames: ClipFrame[]; analysed: number }> {
  const assetsBase = new URL('./', location.href).href;
  const landmarker = await FaceLandmarkerClient.create({ assetsBase });
  const descriptor = await FaceDescriptorClient.create({ assetsBase });
  // No eviction: the driver slides capture windows over the whole clip.
  const collector = new ChipCollector({ intervalMs: 200, capacity: Infinity });
  const kept: { candidate: FrameCandidate; rgb: Uint8Array }[] = [];
  try {
    for (const [i, url] of urls.entries()) {
      const t = (i * 1000) / fps;
      const image = await createImageBitmap(await (await fetch(url)).blob());
      const a = await landmarker.analyse(image, t, collector.wantsChip(t) ? { chip: true } : {});
      const sample = { t, faces: a.faces, yaw: a.yaw, pitch: a.pitch, blinkL: a.blinkL, blinkR: a.blinkR, sharp: a.sharp ?? null };
      collector.observe({ ...sample, chip: a.chip });
      if (a.chip && collector.size > kept.length) kept.push({ candidate: { ...sample, framePxPerChipPx: a.chip.framePxPerChipPx }, rgb: a.chip.rgb });
    }
    const frames: ClipFrame[] = [];
    for (let i = 0; i < kept.length; i += 8) {
      const batch = kept.slice(i, i + 8);
      const { descriptors } = await descriptor.describe(batch.map((k) => k.rgb));
      batch.forEach((k, j) => frames.push({ candidate: k.candidate, descriptor: Array.from(descriptors[j]!) }));
    }
    return { frames, analysed: urls.length };
  } finally {
    landmarker.close();
    descriptor.close();
  }
}

(window as unknown as { fvEval: unknown }).fvEval = { describe, describeClip };

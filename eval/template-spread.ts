/**
 * `npm run eval:template-spread` — how far apart the frames of one capture are, which sets the
 * widget's `maxSpread` (src/embedding/template.ts): the most two of a template's frames may differ
 * before the capture is refused as "frames disagree" instead of averaged.
 *
 * The widget's own workers (eval/embedding-page.ts) run over every frame of the fake-camera clips
 * in ../shared/media/fakecam, asking for chips by the capture's own rule. In Node, capture windows
 * (default 8 s, one starting every second) slide over each clip; in each the widget's own frame
 * choice (chooseTemplateFrames, outside any colour phase) picks the frames and the spread is the
 * largest distance between two of them — what combineDescriptors compares with maxSpread. The other
 * side: a person swapped for another during a capture puts frames of two people in one set, whose
 * spread is at least the distance between the two nearest frames of the two people; that nearest
 * cross-person distance is reported for every pair of clips of different people.
 *
 * Options: --clips a,b (file names without .mjpeg), --window S, --fps N (frames analysed per
 * second of clip, default 15 of the files' 30), --max-seconds S (per clip, default 20), --json OUT.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chooseTemplateFrames, DEFAULT_FRAME_CHOICE } from '../src/embedding/frame-choice.js';
import { DEFAULT_TEMPLATE_RULES, distance, unitVector } from '../src/embedding/template.js';
import { TEMPLATE_FRAME_RULES } from '../src/shared/template-binding.js';
import type { ClipFrame } from './embedding-page.js';
import { SHARED_MEDIA, withEmbeddingPage } from './embedding-harness.js';

/** Who is in each fake-camera file (PROVENANCE.md); files of one identity are not "different people". */
const IDENTITY: Record<string, string> = {
  moving_face: 'lp-d3', moving_face2: 'lp-d9', moving_face_aoc: 'aoc', moving_face_d12: 'lp-d12', moving_face_hill: 'hill',
  moving_face_obama: 'obama', moving_face_profile: 'vh-woman', moving_face_vox2: 'vox2', moving_face_webcam: 'clm-cap12',
  still_face: 'obama', still_face_other: 'biden',
};

const { values } = parseArgs({
  options: {
    clips: { type: 'string' },
    window: { type: 'string', default: '8' },
    fps: { type: 'string', default: '15' },
    'max-seconds': { type: 'string', default: '20' },
    json: { type: 'string' },
  },
});
const SOURCE_FPS = 30;
const windowMs = Number(values.window) * 1000;
const step = Math.max(1, Math.round(SOURCE_FPS / Number(values.fps)));
const fps = SOURCE_FPS / step;
const maxFrames = Math.round(Number(values['max-seconds']) * SOURCE_FPS);
const names = values.clips ? values.clips.split(',') : Object.keys(IDENTITY);

/** The JPEG frames of a Motion-JPEG file (each from its SOI marker to its EOI marker). */
function jpegFrames(bytes: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let start = -1;
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (start < 0 && bytes[i] === 0xff && bytes[i + 1] === 0xd8) start = i;
    else if (start >= 0 && bytes[i] === 0xff && bytes[i + 1] === 0xd9) {
      frames.push(bytes.subarray(start, i + 2));
      start = -1;
      i++;
    }
  }
  return frames;
}

const clips = names.map((name) => {
  const all = jpegFrames(readFileSync(join(SHARED_MEDIA, 'fakecam', `${name}.mjpeg`)));
  return { name, identity: IDENTITY[name] ?? name, frames: all.slice(0, maxFrames).filter((_, i) => i % step === 0) };
});
const media = clips.flatMap((c) => c.frames);
const offsets = clips.map((_, i) => clips.slice(0, i).reduce((n, c) => n + c.frames.length, 0));

const described = await withEmbeddingPage((i) => media[i], async (page, mediaUrl) => {
  const out: { frames: ClipFrame[]; analysed: number }[] = [];
  for (const [k, clip] of clips.entries()) {
    const urls = clip.frames.map((_, i) => mediaUrl(offsets[k]! + i));
    out.push(await page.evaluate(
      ({ urls, fps }) => (window as unknown as { fvEval: { describeClip(u: string[], fps: number): Promise<{ frames: ClipFrame[]; analysed: number }> } }).fvEval.describeClip(urls, fps),
      { urls, fps },
    ));
    console.log(`${clip.name}: ${out.at(-1)!.frames.length} chips from ${urls.length} frames`);
  }
  return out;
});

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
const q = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(p * v.length))] ?? NaN;
const spreadOf = (units: Float32Array[]) => {
  let s = 0;
  for (let i = 0; i < units.length; i++) for (let j = i + 1; j < units.length; j++) s = Math.max(s, distance(units[i]!, units[j]!));
  return s;
};

interface ClipSpread { name: string; chips: number; windows: number; tooFew: number; spreads: number[]; allFrames: number; template: Float32Array | null; firstChosen: Float32Array[] }
const perClip: ClipSpread[] = clips.map((clip, k) => {
  const frames = described[k]!.frames.map((fr) => ({ ...fr, unit: unitVector(fr.descriptor)! }));
  const end = (clip.frames.length * 1000) / fps;
  const spreads: number[] = [];
  let windows = 0;
  let tooFew = 0;
  const chosenAll: Float32Array[] = [];
  let firstChosen: Float32Array[] = [];
  for (let from = 0; from === 0 || from + windowMs <= end; from += 1000) {
    windows++;
    const inWindow = frames.filter((fr) => fr.candidate.t >= from && fr.candidate.t < from + windowMs);
    const chosen = chooseTemplateFrames(inWindow.map((fr) => fr.candidate), { ...DEFAULT_FRAME_CHOICE, colourPhase: null });
    if (chosen.length < TEMPLATE_FRAME_RULES.minFrames) {
      tooFew++;
      continue;
    }
    const units = chosen.map((c) => frames.find((fr) => fr.candidate === c)!.unit);
    chosenAll.push(...units);
    if (!firstChosen.length) firstChosen = units;
    spreads.push(spreadOf(units));
  }
  const mean = new Float32Array(128);
  for (const u of chosenAll) u.forEach((x, i) => (mean[i]! += x));
  return { name: clip.name, chips: frames.length, windows, tooFew, spreads, allFrames: spreadOf(frames.map((fr) => fr.unit)), template: chosenAll.length ? unitVector(mean) : null, firstChosen };
});

console.log(`\ncapture windows of ${windowMs / 1000} s every 1 s, ${fps} frames analysed per second; spread = largest distance between two chosen frames (maxSpread now ${DEFAULT_TEMPLATE_RULES.maxSpread})`);
for (const c of perClip) {
  console.log(`  ${c.name.padEnd(18)} chips ${String(c.chips).padStart(3)}  windows ${c.windows} (too few frames: ${c.tooFew})  spread median ${f(q(c.spreads, 0.5))}, max ${f(Math.max(...c.spreads))}; any two acceptable frames of the clip: ${f(c.allFrames)}`);
}
const allSpreads = perClip.flatMap((c) => c.spreads);
console.log(`  all windows: n ${allSpreads.length}, median ${f(q(allSpreads, 0.5))}, 95 % ${f(q(allSpreads, 0.95))}, max ${f(Math.max(...allSpreads))}`);

// A swap: the nearest two frames of two different people.
const units = perClip.map((_, k) => described[k]!.frames.map((fr) => unitVector(fr.descriptor)!));
const cross: { a: string; b: string; nearest: number }[] = [];
for (let i = 0; i < clips.length; i++) {
  for (let j = i + 1; j < clips.length; j++) {
    if (clips[i]!.identity === clips[j]!.identity || !units[i]!.length || !units[j]!.length) continue;
    let nearest = Infinity;
    for (const a of units[i]!) for (const b of units[j]!) nearest = Math.min(nearest, distance(a, b));
    cross.push({ a: clips[i]!.name, b: clips[j]!.name, nearest });
  }
}
cross.sort((x, y) => x.nearest - y.nearest);
console.log(`\ndifferent people, nearest two frames (a swap's spread is at least this): n ${cross.length} pairs, min ${f(cross[0]?.nearest ?? NaN)}, 5 % ${f(q(cross.map((c) => c.nearest), 0.05))}, median ${f(q(cross.map((c) => c.nearest), 0.5))}`);
for (const c of cross.slice(0, 6)) console.log(`    ${f(c.nearest)}  ${c.a} – ${c.b}`);
// A swap halfway: the first chosen frames of one person's capture, the rest of another's.
const swaps: { a: string; b: string; spread: number }[] = [];
for (let i = 0; i < clips.length; i++) {
  for (let j = 0; j < clips.length; j++) {
    const a = perClip[i]!.firstChosen;
    const b = perClip[j]!.firstChosen;
    if (i === j || clips[i]!.identity === clips[j]!.identity || a.length < 3 || b.length < 3) continue;
    const half = Math.ceil(DEFAULT_FRAME_CHOICE.count / 2);
    swaps.push({ a: clips[i]!.name, b: clips[j]!.name, spread: spreadOf([...a.slice(0, half), ...b.slice(half)]) });
  }
}
swaps.sort((x, y) => x.spread - y.spread);
console.log(`a swap halfway through the capture (${Math.ceil(DEFAULT_FRAME_CHOICE.count / 2)} chosen frames of one person, the rest of another): n ${swaps.length}, min ${f(swaps[0]?.spread ?? NaN)}, 5 % ${f(q(swaps.map((w) => w.spread), 0.05))}, median ${f(q(swaps.map((w) => w.spread), 0.5))}`);
for (const w of swaps.slice(0, 4)) console.log(`    ${f(w.spread)}  ${w.a} then ${w.b}`);
const same = [];
for (let i = 0; i < clips.length; i++) for (let j = i + 1; j < clips.length; j++) {
  if (clips[i]!.identity === clips[j]!.identity && perClip[i]!.template && perClip[j]!.template) same.push(`${clips[i]!.name} – ${clips[j]!.name}: ${f(distance(perClip[i]!.template!, perClip[j]!.template!))}`);
}
if (same.length) console.log(`same person, two sources, template distance: ${same.join('; ')}`);

if (values.json) {
  await writeFile(values.json, JSON.stringify({ windowMs, fps, clips: perClip.map(({ template: _t, firstChosen: _f, ...c }) => c), cross, swaps }, null, 2));
}

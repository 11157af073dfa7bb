/** Drives a real FramePump → FaceLandmarkerClient pipeline and collects what it reports. */
import { FramePump } from '../../../src/vision/frame-pump.js';
import { GuidanceHold, assessFrame, type GuidanceAssessment, type GuidanceStatus } from '../../../src/vision/guidance.js';
import type { FaceLandmarkerClient } from '../../../src/vision/landmarker-client.js';
import type { FrameAnalysis } from '../../../src/vision/protocol.js';
import { quantiles } from './assert.js';

export interface PumpRecord {
  analysis: FrameAnalysis;
  assessment: GuidanceAssessment;
  status: GuidanceStatus;
}

export interface PumpRun {
  records: PumpRecord[];
  /** Round trips seen from the page (grab → result), ms. */
  roundTripsMs: number[];
  stats: FramePump['stats'];
}

/**
 * Runs the pump until `until(records)` is true or `maxMs` passes, whichever comes first.
 * Rejects if the pump stops itself with an error.
 */
export function runPump(
  video: HTMLVideoElement,
  client: FaceLandmarkerClient,
  options: { maxMs: number; until?: (records: readonly PumpRecord[]) => boolean },
): Promise<PumpRun> {
  const records: PumpRecord[] = [];
  const roundTripsMs: number[] = [];
  const hold = new GuidanceHold();
  return new Promise<PumpRun>((resolve, reject) => {
    let pump: FramePump;
    const finish = (): void => {
      clearTimeout(timer);
      pump.stop();
      resolve({ records, roundTripsMs, stats: { ...pump.stats } });
    };
    pump = new FramePump(
      video,
      client,
      (analysis) => {
        roundTripsMs.push(performance.now() - analysis.t);
        const assessment = assessFrame(analysis);
        records.push({ analysis, assessment, status: hold.push(assessment, analysis.t) });
        if (options.until?.(records)) finish();
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
    const timer = setTimeout(finish, options.maxMs);
    pump.start();
  });
}

/** A one-line summary of a run, for the test log (latencies are the worker's own). */
export function describeRun(label: string, run: PumpRun): string {
  const worker = quantiles(run.records.map((r) => r.analysis.latencyMs));
  const page = quantiles(run.roundTripsMs);
  return (
    `${label}: ${run.records.length} frames; worker latency median ${worker.median.toFixed(1)} ms, ` +
    `p95 ${worker.p95.toFixed(1)} ms; round trip median ${page.median.toFixed(1)} ms, p95 ${page.p95.toFixed(1)} ms; ` +
    `dropped ${run.stats.dropped}`
  );
}

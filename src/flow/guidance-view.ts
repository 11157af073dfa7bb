import type { GuidanceIssue } from '../vision/guidance.js';

/** Live guidance for the oval and the message under it. */
export interface GuidanceView {
  issue: GuidanceIssue | null;
  /** 0..1: how far the steady hold (guidance) or the recording (capture) has come. */
  progress: number;
}

export const IDLE_GUIDANCE: GuidanceView = Object.freeze({ issue: null, progress: 0 });

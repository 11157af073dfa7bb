/**
 * Vision: MediaPipe FaceLandmarker in a module worker, the frame pump that feeds it, head pose and
 * framing guidance. Importing this barrel loads no MediaPipe code: the worker is a separate chunk
 * that only starts when {@link FaceLandmarkerClient.create} is called.
 */
export { FaceLandmarkerClient } from './landmarker-client.js';
export type { FaceLandmarkerClientOptions, FaceLandmarkerTimings } from './landmarker-client.js';
export { FramePump } from './frame-pump.js';
export type {
  FrameAnalyser,
  FramePumpErrorCallback,
  FramePumpOptions,
  FramePumpStats,
  FrameSampleCallback,
} from './frame-pump.js';
export { DEFAULT_GUIDANCE, GuidanceHold, assessFrame } from './guidance.js';
export type {
  GuidanceAssessment,
  GuidanceHoldOptions,
  GuidanceInput,
  GuidanceIssue,
  GuidanceState,
  GuidanceStatus,
  GuidanceThresholds,
} from './guidance.js';
export { headPoseFromMatrix, matrixFromHeadPose } from './head-pose.js';
export type { HeadPose } from './head-pose.js';
export { MEDIAPIPE_DIR, MODELS_DIR, mediapipeBase, modelUrl, resolveAssetsBase } from './assets.js';
export type { FaceBox, FrameAnalysis, LandmarkerDelegate, LandmarkerInitTimings, VisionErrorCode } from './protocol.js';

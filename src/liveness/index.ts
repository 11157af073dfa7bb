/** Pure liveness evaluators (no DOM, no I/O): the widget and the server import the same code. */
export { ActionDetector, type ActionState } from './action-detector.js';
export { colourResponse } from './colour-response.js';
export { decideLiveness, type LivenessInput } from './decide.js';
export { framesOfTrace, neutralPose, type LivenessFrame, type NeutralPose } from './frames.js';
export { DEFAULT_SIGNAL_POLICY, evaluateSignals, resolveSignalPolicy, VIRTUAL_CAMERA_LABEL } from './injection-signals.js';
export { DEFAULT_ACTION_POOL, drawScript, PALETTE, poolProblems, type ScriptOptions } from './script-generator.js';
export { DEFAULT_LIVENESS_THRESHOLDS, resolveThresholds, type LivenessThresholds } from './thresholds.js';

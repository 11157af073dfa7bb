/**
 * The challenge's time windows, judged on the server's own clock. The widget reports when recording
 * started as an offset on its monotonic clock from receiving the challenge, so a device whose wall
 * clock is wrong by hours still passes, and a claimed timing that could not have happened fails.
 */
import type { AttestationClaims, ChallengeClaims } from '../shared/wire.js';
import { CLIP_SLACK_MS, CLOCK_SLACK_MS } from './checks.js';
import { fail } from './fail.js';

/** No liveness script can be done in less: the lead and two actions at least. */
export const MIN_RECORDING_MS = 1000;

/**
 * @param nowMs - the server's clock when the request arrived.
 * @throws FaceVerifyError `challenge-expired` past the submission window; `capture-late` when the
 *   recording began after the capture window; `timing-implausible` when the capture could not have
 *   ended by now, or lasted outside the clip length.
 */
export function checkTiming(claims: AttestationClaims, challenge: ChallengeClaims, nowMs: number): void {
  if (nowMs > challenge.exp * 1000) {
    fail('challenge-expired', `challenge: its submission window closed at ${new Date(challenge.exp * 1000).toISOString()}; record again with a new challenge`);
  }
  const { startedAfterMs, durationMs } = claims.capture;
  const captureWindowMs = (challenge.captureBy - challenge.iat) * 1000;
  if (startedAfterMs > captureWindowMs) {
    fail('capture-late', `attestation claim capture.startedAfterMs: recording started ${Math.round(startedAfterMs)} ms after the challenge, past its ${captureWindowMs} ms capture window; the widget must fetch a new challenge before recording`);
  }
  // The recording lasts as long as the person takes, up to the script's longest; the liveness check
  // then holds each phase to its own times.
  if (durationMs < MIN_RECORDING_MS || durationMs > challenge.clipMs + CLIP_SLACK_MS) {
    fail('timing-implausible', `attestation claim capture.durationMs: ${durationMs} ms is outside ${MIN_RECORDING_MS}…${challenge.clipMs + CLIP_SLACK_MS} ms, the challenge's longest recording (clipMs) + ${CLIP_SLACK_MS} ms`);
  }
  const earliestEndMs = challenge.iat * 1000 + startedAfterMs + durationMs - CLOCK_SLACK_MS;
  if (nowMs < earliestEndMs) {
    fail('timing-implausible', `attestation claim capture: a ${durationMs} ms recording started ${Math.round(startedAfterMs)} ms after the challenge cannot have ended by now on this server's clock`);
  }
}

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LivenessRun } from '../../../src/flow/liveness-run.js';
import { decideLiveness, DEFAULT_LIVENESS_THRESHOLDS, DEFAULT_SIGNAL_POLICY, framesOfTrace } from '../../../src/liveness/index.js';
import { buildTrace, type FrameSample } from '../../../src/shared/trace.js';
import { liveTrace, STANDARD_SCRIPT } from '../../fixtures/live-trace.js';

/**
 * Plays `samples` (a person's behaviour on the recorder's clock) through a run the way the capture
 * controller does: ticks every 16 ms, each change painted on the next tick, frames as they come.
 * The person's movements are taken relative to each prompt as the run shows it.
 */
function play(run: LivenessRun, samples: FrameSample[], untilMs: number): { paints: number } {
  let paints = 0;
  let next = 0;
  for (let t = 0; t <= untilMs && !run.outcome; t += 16) {
    if (run.awaitingPaint) {
      run.painted(t);
      paints++;
    }
    run.tick(t);
    while (next < samples.length && samples[next]!.t <= t) {
      const s = samples[next++]!;
      run.frame({ t: s.t, faces: s.faces, yaw: s.yaw, pitch: s.pitch, blinkL: s.blinkL, blinkR: s.blinkR, smile: s.smile ?? null, skin: s.skin ?? null, motion: s.motion ?? null });
    }
  }
  return { paints };
}

describe('LivenessRun', () => {
  test('shows the lead, each colour for its time, then each prompt after the previous action is done; the report passes the decision', () => {
    const live = liveTrace(STANDARD_SCRIPT, { fps: 20 });
    const run = new LivenessRun(STANDARD_SCRIPT, DEFAULT_LIVENESS_THRESHOLDS);
    assert.equal(run.view.phase, 'lead');
    play(run, live.samples, 30_000);
    assert.equal(run.outcome?.kind, 'complete');
    const report = run.report();
    assert.equal(report.colourOnsets.length, 8);
    assert.ok(report.colourOnsets[0]! >= STANDARD_SCRIPT.leadMs);
    report.colourOnsets.slice(1).forEach((t, i) => {
      const gap = t - report.colourOnsets[i]!;
      assert.ok(gap >= STANDARD_SCRIPT.colours[i]!.ms && gap < STANDARD_SCRIPT.colours[i]!.ms + 32, `colour ${i + 1} after ${gap} ms`);
    });
    assert.deepEqual(report.actions.map((a) => a.action), ['turn-left', 'blink', 'look-up']);
    report.actions.forEach((a, i) => {
      assert.ok(a.doneAt! > a.promptAt);
      if (i > 0) assert.ok(a.promptAt >= report.actions[i - 1]!.doneAt!);
    });
    const d = decideLiveness({
      script: STANDARD_SCRIPT, report, frames: framesOfTrace(buildTrace(live.samples)), signals: live.signals,
      durationMs: run.outcome.kind === 'complete' ? run.outcome.atMs : 0, thresholds: DEFAULT_LIVENESS_THRESHOLDS, policy: DEFAULT_SIGNAL_POLICY,
    });
    // The synthetic person moves on their own schedule, so only the colour and action checks are asserted.
    assert.ok(d.colour!.passed, JSON.stringify(d.colour));
  });

  test('the colour shown follows the view: each colour in order, none before the lead ends or after the last', () => {
    const run = new LivenessRun(STANDARD_SCRIPT, DEFAULT_LIVENESS_THRESHOLDS);
    const seen: string[] = [];
    for (let t = 0; t < 800 + 4000 && !run.outcome; t += 10) {
      if (run.awaitingPaint) run.painted(t);
      run.tick(t);
      const c = run.view.colour?.join(',');
      if (c && seen.at(-1) !== c) seen.push(c);
      if (t < 790) assert.equal(run.view.colour, null);
    }
    assert.deepEqual(seen, STANDARD_SCRIPT.colours.map((c) => c.rgb.join(',')));
  });

  test('a wrong movement ends the run at once with action-wrong', () => {
    const live = liveTrace(STANDARD_SCRIPT, { perform: ['turn-right', 'blink', 'look-up'] });
    const run = new LivenessRun(STANDARD_SCRIPT, DEFAULT_LIVENESS_THRESHOLDS);
    play(run, live.samples, 30_000);
    assert.equal(run.outcome?.kind, 'failed');
    assert.equal(run.outcome.kind === 'failed' && run.outcome.reason.code, 'action-wrong');
  });

  test('an action not done within its limit ends the run with action-missed for that step', () => {
    const live = liveTrace(STANDARD_SCRIPT, { perform: ['turn-left', 'nothing', 'look-up'] });
    const run = new LivenessRun(STANDARD_SCRIPT, DEFAULT_LIVENESS_THRESHOLDS);
    play(run, live.samples, 30_000);
    assert.deepEqual(run.outcome?.kind === 'failed' && [run.outcome.reason.code, run.outcome.reason.step], ['action-missed', 1]);
  });

  test('no face while holding still ends the run with trace-unusable before any prompt', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    const run = new LivenessRun(STANDARD_SCRIPT, DEFAULT_LIVENESS_THRESHOLDS);
    play(run, live.samples.map((s) => ({ ...s, faces: 0 })), 30_000);
    assert.equal(run.outcome?.kind === 'failed' && run.outcome.reason.code, 'trace-unusable');
    assert.deepEqual(run.report().actions, []);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideLiveness, DEFAULT_LIVENESS_THRESHOLDS, DEFAULT_SIGNAL_POLICY, framesOfTrace } from '../../../src/liveness/index.js';
import type { LivenessScript } from '../../../src/shared/liveness-script.js';
import { buildTrace } from '../../../src/shared/trace.js';
import { liveTrace, STANDARD_SCRIPT, type LiveTrace, type LiveTraceOptions } from '../../fixtures/live-trace.js';

function decide(live: LiveTrace, script: LivenessScript = STANDARD_SCRIPT, overrides: Partial<typeof DEFAULT_LIVENESS_THRESHOLDS> = {}) {
  return decideLiveness({
    script, report: live.report, frames: framesOfTrace(buildTrace(live.samples)), signals: live.signals,
    durationMs: live.durationMs, thresholds: { ...DEFAULT_LIVENESS_THRESHOLDS, ...overrides }, policy: DEFAULT_SIGNAL_POLICY,
  });
}
const codes = (d: ReturnType<typeof decide>): string[] => d.reasons.map((r) => r.code);
const run = (options: LiveTraceOptions = {}, script = STANDARD_SCRIPT) => decide(liveTrace(script, options), script);

describe('decideLiveness', () => {
  test('a cooperative recording passes with every action done and the colour response well above its threshold', () => {
    const d = run();
    assert.equal(d.level, 'passed', JSON.stringify(d.reasons));
    assert.deepEqual(d.actions.map((a) => a.passed), [true, true, true]);
    assert.ok(d.colour!.correlation >= 0.8, `correlation ${d.colour!.correlation}`);
    assert.ok(d.colour!.correlation - d.colour!.shuffledMax >= 0.3, `lead ${d.colour!.correlation - d.colour!.shuffledMax}`);
  });

  test('the gentlest turn the clips show (14° from neutral) still passes; 9° of sway does not count as a turn', () => {
    assert.equal(run({ amplitude: 14 }).level, 'passed');
    const sway = run({ amplitude: 9 });
    assert.equal(sway.level, 'failed');
    assert.deepEqual(sway.reasons.filter((r) => r.code === 'action-missed').map((r) => r.action), ['turn-left', 'look-up']);
  });

  test('a still photo fails: no action is seen and the colours are not reflected', () => {
    const d = run({ perform: ['nothing', 'nothing', 'nothing'], reflection: 0 });
    assert.equal(d.level, 'failed');
    assert.deepEqual(d.reasons.filter((r) => r.code === 'action-missed').map((r) => r.step), [0, 1, 2]);
    assert.ok(codes(d).includes('colour-no-response'));
  });

  test('footage that turns right when asked to turn left fails with action-wrong for that step', () => {
    const d = run({ perform: ['turn-right', 'blink', 'look-up'] });
    assert.equal(d.level, 'failed');
    const wrong = d.reasons.find((r) => r.code === 'action-wrong')!;
    assert.equal(wrong.step, 0);
    assert.match(wrong.message, /saw turn-right/);
  });

  test('a puppet that follows the prompts but not the colours fails only the colour check', () => {
    const d = run({ reflection: 0 });
    assert.deepEqual(codes(d), ['colour-no-response']);
  });

  test('the skin following the colours in another order fails the colour check', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    const swapped: LivenessScript = { ...STANDARD_SCRIPT, colours: [...STANDARD_SCRIPT.colours].reverse().map((c, i) => ({ ...c, ms: STANDARD_SCRIPT.colours[i]!.ms })) };
    assert.ok(codes(decide(live, swapped)).includes('colour-no-response'));
  });

  test('a response later than the longest lag searched fails the colour check', () => {
    assert.ok(codes(run({ lagMs: 900 })).includes('colour-no-response'));
  });

  test('a head that moves while the colours are shown fails not-steady', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    live.samples.filter((s) => s.t > 1500 && s.t < 2000).forEach((s) => (s.yaw = 30));
    assert.ok(codes(decide(live)).includes('not-steady'));
  });

  test('a report whose prompts came in another order than the challenge asked fails report-mismatch', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    [live.report.actions[0]!.action, live.report.actions[2]!.action] = [live.report.actions[2]!.action, live.report.actions[0]!.action];
    assert.ok(codes(decide(live)).includes('report-mismatch'));
  });

  test('colour onsets that do not follow the schedule fail colour-timing', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    live.report.colourOnsets[3]! += 300;
    assert.ok(codes(decide(live)).includes('colour-timing'));
  });

  test('an action reported done after its time limit fails action-timing', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    live.report.actions[1]!.doneAt = live.report.actions[1]!.promptAt + 4500;
    assert.ok(codes(decide(live)).includes('action-timing'));
  });

  test('a next prompt shown before the server saw the previous action done fails that action (movements after it answer the next prompt)', () => {
    const live = liveTrace(STANDARD_SCRIPT, { reactionMs: 450 });
    // Claim the turn was done right at its prompt and the blink prompted 100 ms later.
    const [turn, blink] = live.report.actions;
    turn!.doneAt = turn!.promptAt + 10;
    blink!.promptAt = turn!.promptAt + 100;
    const d = decide(live);
    assert.deepEqual(d.reasons.filter((r) => r.code === 'action-missed').map((r) => r.step), [0]);
  });

  test('a turn that never comes back to neutral fails no-return', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    const prompt = live.report.actions[0]!.promptAt;
    live.samples.filter((s) => s.t > prompt + 900).forEach((s) => (s.yaw = 2 + 25));
    assert.ok(codes(decide(live)).includes('no-return'));
  });

  test('a blink is judged on both eyes: one eye closing (a wink) is not a blink', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    live.samples.forEach((s) => (s.blinkR = 0.05));
    const d = decide(live);
    assert.deepEqual(d.reasons.filter((r) => r.code === 'action-missed').map((r) => r.action), ['blink']);
  });

  test('a squint held across the prompt is not a blink: the eyes must be seen open first', () => {
    const live = liveTrace(STANDARD_SCRIPT, { perform: ['turn-left', 'nothing', 'look-up'] });
    const prompt = live.report.actions[1]!.promptAt;
    live.samples.filter((s) => s.t >= prompt).forEach((s) => (s.blinkL = s.blinkR = 0.6));
    assert.ok(d(live).includes('action-missed'));
    function d(l: LiveTrace) { return codes(decide(l)); }
  });

  test('the server can be stricter than the widget: a 14° turn fails a 20° threshold', () => {
    const d = decide(liveTrace(STANDARD_SCRIPT, { amplitude: 14 }), STANDARD_SCRIPT, { turnDeg: 20, lookUpDeg: 20 });
    assert.equal(d.level, 'failed');
    assert.equal(d.actions[0]!.threshold, 20);
  });

  test('the reduced path passes at lower assurance, never as a plain pass', () => {
    const script: LivenessScript = { v: 1, path: 'reduced', leadMs: 800, tailMs: 300, colours: [], actions: [{ action: 'blink', limitMs: 4000 }, { action: 'blink', limitMs: 4000 }] };
    const d = decide(liveTrace(script), script);
    assert.equal(d.level, 'passed-lower-assurance');
    assert.deepEqual(codes(d), ['reduced-path']);
    assert.equal(d.colour, null);
  });

  test('a virtual camera label fails by default policy and names the signal', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    live.signals.camera.label = 'OBS Virtual Camera';
    const d = decide(live);
    assert.equal(d.level, 'failed');
    assert.deepEqual(d.reasons.map((r) => r.signal), ['virtual-camera']);
  });

  test('a frozen picture fails; looping frames are flagged without failing', () => {
    const frozen = liveTrace(STANDARD_SCRIPT);
    frozen.samples.forEach((s) => (s.motion = 0));
    assert.ok(decide(frozen).reasons.some((r) => r.signal === 'frozen-picture'));
    const looping = liveTrace(STANDARD_SCRIPT);
    looping.signals.repeatShare = 0.6;
    const d = decide(looping);
    assert.equal(d.level, 'passed');
    assert.deepEqual(d.flags, ['looping-picture']);
  });

  test('a trace without face frames in the still phase fails trace-unusable', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    live.samples.filter((s) => s.t < 4800).forEach((s) => (s.faces = 0));
    assert.ok(codes(decide(live)).includes('trace-unusable'));
  });

  test('two face frames in the still phase are no neutral pose: trace-unusable, and the actions are not judged against them', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    const end = live.report.coloursEndAt!;
    live.samples.filter((s) => s.t < end).forEach((s, k) => { if (k > 1) s.faces = 0; });
    const d = decide(live);
    assert.deepEqual(codes(d).filter((c) => c !== 'colour-no-response'), ['trace-unusable']);
    assert.deepEqual(d.actions.map((a) => a.passed), [false, false, false]);
  });

  test('colour onsets that are not one number per colour fail report-mismatch, and no colour score is computed from them', () => {
    const dropped = liveTrace(STANDARD_SCRIPT);
    dropped.report.colourOnsets.pop();
    const d = decide(dropped);
    assert.deepEqual(codes(d), ['report-mismatch']);
    assert.equal(d.colour, null);
    const nulled = liveTrace(STANDARD_SCRIPT);
    (nulled.report.colourOnsets as (number | null)[])[3] = null;
    assert.deepEqual(codes(decide(nulled)), ['report-mismatch']);
  });

  test('a standard report without coloursEndAt fails colour-timing and is judged against the scheduled end of the colours', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    live.report.coloursEndAt = null;
    const d = decide(live);
    assert.deepEqual(codes(d), ['colour-timing']);
    assert.ok(d.colour!.correlation >= 0.8, `correlation ${d.colour!.correlation}`);
  });

  test('a reduced-path report that says colours were shown fails report-mismatch', () => {
    const script: LivenessScript = { v: 1, path: 'reduced', leadMs: 800, tailMs: 300, colours: [], actions: [{ action: 'blink', limitMs: 4000 }, { action: 'blink', limitMs: 4000 }] };
    const live = liveTrace(script);
    live.report.coloursEndAt = 900;
    assert.deepEqual(codes(decide(live, script)), ['report-mismatch']);
  });

  test('a prompt that names another action is still timed: shown before the colours ended it also fails action-timing', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    live.report.actions[0]!.action = 'turn-right';
    live.report.actions[0]!.promptAt = live.report.coloursEndAt! - 1000;
    const d = decide(live);
    assert.ok(codes(d).includes('report-mismatch') && codes(d).includes('action-timing'), JSON.stringify(codes(d)));
    assert.ok(d.reasons.some((r) => r.code === 'action-missed' && r.step === 0), 'the misnamed step was never prompted');
  });

  test('a recording that ends before the last doneAt that is set fails action-timing, even when the last step was never done', () => {
    const live = liveTrace(STANDARD_SCRIPT);
    live.report.actions[2]!.doneAt = null;
    live.durationMs = live.report.actions[1]!.doneAt! - 50;
    assert.ok(codes(decide(live)).includes('action-timing'));
  });
});

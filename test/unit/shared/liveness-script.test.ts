import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scriptProblems, type LivenessScript } from '../../../src/shared/liveness-script.js';
import { STANDARD_SCRIPT } from '../../fixtures/live-trace.js';

const edited = (edit: (s: Record<string, unknown> & LivenessScript) => void): unknown => {
  const copy = structuredClone(STANDARD_SCRIPT) as Record<string, unknown> & LivenessScript;
  edit(copy);
  return copy;
};
const names = (value: unknown): string[] => scriptProblems(value).map((p) => p.split(':')[0]!);

describe('scriptProblems (README "Liveness script": what readers check)', () => {
  test('a standard script of 8 colours and 3 actions has no problem', () => {
    assert.deepEqual(scriptProblems(STANDARD_SCRIPT), []);
  });

  test('the standard path needs at least 2 colours, and the reduced path none', () => {
    assert.deepEqual(names(edited((s) => (s.colours = s.colours.slice(0, 1)))), ['liveness.colours']);
    assert.deepEqual(names(edited((s) => (s.colours = s.colours.slice(0, 2)))), []);
    assert.deepEqual(names(edited((s) => { s.path = 'reduced'; s.actions = [{ action: 'blink', limitMs: 3500 }]; })), ['liveness.colours']);
  });

  test('a colour shown under 334 ms (over 3 changes a second) or a channel outside 0…255 is named by its index', () => {
    assert.deepEqual(names(edited((s) => (s.colours[2]!.ms = 333))), ['liveness.colours[2].ms']);
    assert.deepEqual(names(edited((s) => (s.colours[5]!.rgb = [0, 256, 0]))), ['liveness.colours[5].rgb']);
  });

  test('1 to 4 actions from the known list, each with a limit of 1000…10 000 ms', () => {
    assert.deepEqual(names(edited((s) => (s.actions = []))), ['liveness.actions']);
    assert.deepEqual(names(edited((s) => (s.actions[1] = { action: 'wave' as 'nod', limitMs: 4000 }))), ['liveness.actions[1].action']);
    assert.deepEqual(names(edited((s) => (s.actions[0]!.limitMs = 999))), ['liveness.actions[0].limitMs']);
  });

  test('v, path, leadMs and tailMs are checked', () => {
    assert.deepEqual(names(edited((s) => { (s as Record<string, unknown>)['v'] = 2; (s as Record<string, unknown>)['path'] = 'quick'; s.leadMs = -1; s.tailMs = 5001; })).sort(), ['liveness.leadMs', 'liveness.path', 'liveness.tailMs', 'liveness.v']);
    assert.deepEqual(scriptProblems(null), ['liveness: must be an object']);
  });
});

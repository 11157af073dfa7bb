import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Announcer, type Utterance } from '../../../src/element/announcer.js';

const step = (scope: string, text: string): Utterance => ({ scope, key: `${scope}:title`, text, timing: 'now' });
const issue = (key: string, text: string): Utterance => ({ scope: 'guidance', key: `guidance:${key}`, text, timing: 'settle' });
const waiting = (seconds: number): Utterance => ({ scope: 'sending', key: 'sending:waiting:1', text: `Next try in ${seconds} s`, timing: 'now', seconds });

describe('Announcer', () => {
  it('speaks a new step at once, and keeps the same text while the meaning stays (re-renders do not re-announce)', () => {
    const a = new Announcer();
    assert.deepEqual(a.update(step('consent', 'Read before you agree'), 0), { text: 'Read before you agree', recheckAt: null });
    assert.equal(a.update(step('camera', 'Starting the camera'), 10).text, 'Starting the camera');
    // Same key, other wording (say a re-render with a re-formatted string): not a new announcement.
    assert.equal(a.update({ ...step('camera', 'Starting camera…') }, 20).text, 'Starting the camera');
  });

  it('the first utterance of a new step is spoken at once even when it would settle', () => {
    const a = new Announcer({ settleMs: 1500 });
    a.update(step('camera', 'Starting the camera'), 0);
    assert.equal(a.update(issue('searching', 'Place your face in the oval'), 100).text, 'Place your face in the oval');
  });

  it('a guidance issue is spoken only after it has held for settleMs, and says when to ask again', () => {
    const a = new Announcer({ settleMs: 1500 });
    a.update(issue('searching', 'Place your face in the oval'), 0);
    assert.deepEqual(a.update(issue('too-far', 'Move closer'), 1000), { text: 'Place your face in the oval', recheckAt: 2500 });
    assert.deepEqual(a.update(issue('too-far', 'Move closer'), 2000), { text: 'Place your face in the oval', recheckAt: 2500 });
    assert.deepEqual(a.update(issue('too-far', 'Move closer'), 2500), { text: 'Move closer', recheckAt: null });
  });

  it('guidance that flickers between issues faster than settleMs is never spoken', () => {
    const a = new Announcer({ settleMs: 1500 });
    a.update(issue('searching', 'Place your face in the oval'), 0);
    for (let t = 1000; t < 10_000; t += 500) {
      const u = (t / 500) % 2 === 0 ? issue('too-far', 'Move closer') : issue('off-centre', 'Centre your face');
      assert.equal(a.update(u, t).text, 'Place your face in the oval', `at ${t} ms`);
    }
  });

  it('an issue that goes away before it settles leaves the spoken text and cancels the pending one', () => {
    const a = new Announcer({ settleMs: 1500 });
    a.update(issue('searching', 'Place your face in the oval'), 0);
    a.update(issue('too-far', 'Move closer'), 1000);
    assert.deepEqual(a.update(issue('searching', 'Place your face in the oval'), 1200), { text: 'Place your face in the oval', recheckAt: null });
    // too-far comes back: its hold starts again from here, not from 1000.
    assert.equal(a.update(issue('too-far', 'Move closer'), 2600).recheckAt, 4100);
  });

  it("a 'now' utterance (a liveness prompt) interrupts a pending issue at once", () => {
    const a = new Announcer({ settleMs: 1500 });
    a.update({ scope: 'capture', key: 'capture:hold', text: 'Hold still', timing: 'now' }, 0);
    a.update({ scope: 'capture', key: 'capture:lost', text: 'Keep your face in the oval', timing: 'settle' }, 100);
    assert.equal(a.update({ scope: 'capture', key: 'capture:prompt:0', text: 'Step 1 of 2. Turn left', timing: 'now' }, 200).text, 'Step 1 of 2. Turn left');
  });

  it('a countdown is spoken when it starts and again only as it passes each mark (not every second)', () => {
    const a = new Announcer({ marks: [30, 10, 5] });
    a.update(step('review', 'Review'), 0);
    const spoken: string[] = [];
    for (let s = 40; s >= 1; s--) {
      const { text } = a.update(waiting(s), (40 - s) * 1000);
      if (spoken.at(-1) !== text) spoken.push(text);
    }
    assert.deepEqual(spoken, ['Next try in 40 s', 'Next try in 30 s', 'Next try in 10 s', 'Next try in 5 s']);
  });

  it('a countdown that starts below a mark is spoken once, then at the next lower mark', () => {
    const a = new Announcer({ marks: [30, 10, 5] });
    const spoken = new Set<string>();
    for (let s = 8; s >= 1; s--) spoken.add(a.update(waiting(s), 0).text);
    assert.deepEqual([...spoken], ['Next try in 8 s', 'Next try in 5 s']);
  });

  it('a new wait (another key) is spoken at once even mid-countdown', () => {
    const a = new Announcer({ marks: [30, 10, 5] });
    a.update(waiting(20), 0);
    assert.equal(a.update({ ...waiting(16), key: 'sending:waiting:2', text: 'Second try in 16 s' }, 1000).text, 'Second try in 16 s');
  });

  it('refuses options that would never speak or speak always, naming the option', () => {
    assert.throws(() => new Announcer({ settleMs: -1 }), /options\.settleMs/);
    assert.throws(() => new Announcer({ marks: [10, 0] }), /options\.marks/);
  });
});

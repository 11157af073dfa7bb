/**
 * Draws a liveness script. Pure, with the randomness passed in: the server draws with
 * crypto.randomInt, tests with a seeded source. The widget never draws one; it does what the
 * challenge says.
 */
import { LIVENESS_ACTIONS, MIN_COLOUR_MS, type ActionStep, type ColourStep, type LivenessAction, type LivenessPath, type LivenessScript, type Rgb } from '../shared/liveness-script.js';

/** A whole number in [0, n) from a uniform source. */
export type RandomInt = (n: number) => number;

/**
 * The colours the screen may show. Bright and dark so the skin's response is strong, with the
 * channels varying independently so the order is readable from colour as well as brightness; no
 * saturated red (photosensitive epilepsy guidance singles out red flashes); dark is a dim grey, not
 * black, so the change is never a full on/off flash.
 */
export const PALETTE: readonly Rgb[] = Object.freeze([
  [255, 255, 255],
  [40, 40, 40],
  [0, 90, 255],
  [0, 200, 80],
  [255, 220, 0],
  [0, 210, 210],
  [200, 0, 200],
  [255, 150, 0],
] as Rgb[]);

/** Each colour's time on screen, ms: ≤ 2.5 changes per second, under WCAG 2.3.1's 3. */
export const COLOUR_MS_RANGE: readonly [number, number] = [400, 600];

/**
 * Time limits per action, ms: a person reacts in 0.3–0.8 s and turns and comes back in about 1.5 s,
 * so 4.5 s leaves room for a second go within one prompt; the longest script (8 colours, 4 actions)
 * then stays under the 20 s a trace can hold.
 */
export const ACTION_LIMIT_MS: Readonly<Record<LivenessAction, number>> = Object.freeze({
  'turn-left': 4500, 'turn-right': 4500, 'look-up': 4500, nod: 4500, blink: 3500, smile: 4500,
});

/** Actions drawn from unless the operator names others; smile only when the operator enables it. */
export const DEFAULT_ACTION_POOL: readonly LivenessAction[] = Object.freeze(['turn-left', 'turn-right', 'look-up', 'nod', 'blink']);

/** Holding still before the first colour (the neutral pose and the skin's own colour), ms. */
export const LEAD_MS = 800;
/** Recording after the last action, ms. */
export const TAIL_MS = 300;

export interface ScriptOptions {
  path: LivenessPath;
  /** Actions to draw from (standard path). */
  pool: readonly LivenessAction[];
  /** Fewest and most actions, 1…4. */
  actionCount: readonly [number, number];
  /** Colours on the standard path, 2…PALETTE.length. */
  colourCount: number;
}

export function drawScript(options: ScriptOptions, randomInt: RandomInt): LivenessScript {
  const [min, max] = options.actionCount;
  const count = min + randomInt(max - min + 1);
  if (options.path === 'reduced') {
    // No flashes, minimal motion: blinks only.
    return { v: 1, path: 'reduced', leadMs: LEAD_MS, colours: [], actions: Array.from({ length: Math.max(2, count) }, () => step('blink')), tailMs: TAIL_MS };
  }
  const actions: ActionStep[] = [];
  for (let i = 0; i < count; i++) {
    const previous = actions[i - 1]?.action;
    // Never the same action twice in a row when there is a choice: "turn left, turn left" reads as a bug.
    const choices = options.pool.length > 1 ? options.pool.filter((a) => a !== previous) : options.pool;
    actions.push(step(choices[randomInt(choices.length)]!));
  }
  const order = PALETTE.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const [shortest, longest] = COLOUR_MS_RANGE;
  const colours: ColourStep[] = order.slice(0, options.colourCount).map((i) => ({
    rgb: [...PALETTE[i]!] as Rgb,
    ms: Math.max(MIN_COLOUR_MS, shortest + randomInt(longest - shortest + 1)),
  }));
  return { v: 1, path: 'standard', leadMs: LEAD_MS, colours, actions, tailMs: TAIL_MS };
}

function step(action: LivenessAction): ActionStep {
  return { action, limitMs: ACTION_LIMIT_MS[action] };
}

/** Problems with an operator's action pool (empty when fine). */
export function poolProblems(pool: unknown, smile: boolean): string[] {
  if (!Array.isArray(pool) || pool.length === 0) return ['liveness.actions: must be a non-empty array of actions'];
  const problems: string[] = [];
  for (const a of pool) {
    if (!LIVENESS_ACTIONS.includes(a as LivenessAction)) problems.push(`liveness.actions: "${String(a)}" is not one of ${LIVENESS_ACTIONS.join(', ')}`);
    else if (a === 'smile' && !smile) problems.push('liveness.actions: "smile" excludes some people with facial paralysis; enable it explicitly with liveness.smile: true');
  }
  return problems;
}

/** axe-core (node_modules/axe-core/axe.min.js, loaded as a script) run on the element; axe walks its open shadow root. */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { assertEqual } from './assert.js';

interface AxeResults { violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[]; passes: unknown[]; incomplete: unknown[] }
interface Axe { run(context: Element, options: Record<string, unknown>): Promise<AxeResults> }

async function axe(): Promise<Axe> {
  const global = globalThis as unknown as { axe?: Axe };
  if (!global.axe) {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    await new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = () => reject(new Error('axe-core did not load from /node_modules/axe-core/axe.min.js'));
      document.head.append(script);
    });
  }
  return global.axe!;
}

/** Runs axe on the element (WCAG 2.x A/AA and best practice), prints the counts, and asserts no violation. */
export async function assertNoViolations(el: FaceVerify, step: string): Promise<void> {
  const results = await (await axe()).run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
  console.log(`axe ${step}: ${results.violations.length} violations, ${results.passes.length} passes, ${results.incomplete.length} incomplete`);
  const described = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  assertEqual(described.join('\n'), '', `axe violations on the ${step} step`);
}


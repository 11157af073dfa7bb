/** Mounting `<face-verify>` against the test backend, and waiting on its steps and events. */
import '../../../src/define.js';
import type { FaceVerify } from '../../../src/element/face-verify.js';

export const ASSETS_BASE = '/fv-assets/';

/** Wraps getUserMedia to count calls and keep every stream handed out (the real camera still answers). */
export function spyOnCamera(): { calls: () => number; streams: MediaStream[]; restore(): void } {
  const original = navigator.mediaDevices.getUserMedia;
  const streams: MediaStream[] = [];
  let calls = 0;
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    calls++;
    const stream = await original.call(navigator.mediaDevices, constraints);
    streams.push(stream);
    return stream;
  };
  return { calls: () => calls, streams, restore: () => void (navigator.mediaDevices.getUserMedia = original) };
}

/** Wraps the Worker constructor to record the scripts workers are started from. */
export function spyOnWorkers(): { urls: string[]; restore(): void } {
  const Original = globalThis.Worker;
  const urls: string[] = [];
  globalThis.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      urls.push(String(url));
    }
  } as typeof Worker;
  return { urls, restore: () => void (globalThis.Worker = Original) };
}

export function mount(variant = 'ok'): FaceVerify {
  const el = document.createElement('face-verify');
  el.sessionUrl = `/fv-api/${variant}/session`;
  el.assetsBase = ASSETS_BASE;
  document.body.append(el);
  return el;
}

export async function waitFor<T>(what: string, check: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function waitForStep(el: FaceVerify, step: string, timeoutMs = 30_000): Promise<true> {
  return waitFor(`step "${step}" (now "${el.getAttribute('step')}")`, () => el.getAttribute('step') === step, timeoutMs);
}

export function shadowText(el: FaceVerify): string {
  return el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
}

export function query<T extends Element>(el: FaceVerify, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in the element's shadow root (step ${el.getAttribute('step')})`);
  return found;
}

/** Ticks the agreement box and presses Continue, as a person would. */
export async function agree(el: FaceVerify): Promise<void> {
  await waitFor('the notice', () => el.shadowRoot?.querySelector('input[type=checkbox]'));
  const box = query<HTMLInputElement>(el, 'input[type=checkbox]');
  box.click();
  await el.updateComplete;
  query<HTMLButtonElement>(el, 'button.primary').click();
}

/** URLs of resources the page has fetched that only consent may load. */
export function heavyResources(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => /\.wasm|\.task|landmarker\.worker|vision_wasm/.test(u));
}

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

/** What {@link spyOnWorkers} saw. */
export interface WorkerSpy {
  /** Script URLs, one per Worker constructed. */
  urls: string[];
  /** Every Worker constructed, in order. */
  instances: Worker[];
  /** Workers terminate() was called on (at least once). */
  terminated: Set<Worker>;
  /** Workers that posted their 'ready' message (the landmarker finished loading). */
  ready: Set<Worker>;
  /** Constructed and not yet terminated. */
  live(): number;
  restore(): void;
}

/** Wraps the Worker constructor to count workers created, ready and terminated. */
export function spyOnWorkers(): WorkerSpy {
  const Original = globalThis.Worker;
  const spy: WorkerSpy = {
    urls: [],
    instances: [],
    terminated: new Set(),
    ready: new Set(),
    live: () => spy.instances.filter((w) => !spy.terminated.has(w)).length,
    restore: () => void (globalThis.Worker = Original),
  };
  globalThis.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      spy.urls.push(String(url));
      spy.instances.push(this);
      this.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
        if (e.data?.type === 'ready') spy.ready.add(this);
      });
    }

    override terminate(): void {
      spy.terminated.add(this);
      super.terminate();
    }
  } as typeof Worker;
  return spy;
}

/** Live video/audio tracks among `streams`. */
export function liveTracks(streams: readonly MediaStream[]): number {
  return streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;
}

/** Waits until no track of `streams` is live and every worker created is terminated. */
export async function waitForNothingRunning(camera: { streams: MediaStream[] }, workers: WorkerSpy, what: string, timeoutMs = 3_000): Promise<void> {
  await waitFor(
    `${what}: 0 live tracks (now ${liveTracks(camera.streams)}) and every worker terminated (${workers.terminated.size} of ${workers.instances.length})`,
    () => liveTracks(camera.streams) === 0 && workers.live() === 0,
    timeoutMs,
  );
}

/** Resolves with the next face-verify-error's detail. */
export function nextError(el: FaceVerify): Promise<{ code: string; message: string; serverCode?: string }> {
  return new Promise((resolve) => el.addEventListener('face-verify-error', (e) => resolve(e.detail), { once: true }));
}

/** What the test backend logged for `variant`. */
export async function backendLog(variant: string): Promise<{ route: string; headers: Record<string, string> }[]> {
  return (await fetch(`/fv-api/${variant}/log`)).json();
}

/** Submissions the test backend stored for sessions of `variant`. */
export async function backendStored(variant: string): Promise<{ stored: number; receiptIds: string[] }> {
  return (await fetch(`/fv-api/${variant}/count`)).json();
}

export function mount(variant = 'ok', setup?: (el: FaceVerify) => void): FaceVerify {
  const el = document.createElement('face-verify');
  el.sessionUrl = `/fv-api/${variant}/session`;
  el.assetsBase = ASSETS_BASE;
  setup?.(el);
  document.body.append(el);
  return el;
}

/** Polls `check` (sync or async: a promise is awaited, never taken as truthy) until it gives a truthy value. */
export async function waitFor<T>(what: string, check: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = await check();
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

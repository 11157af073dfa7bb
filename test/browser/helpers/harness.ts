/**
 * The per-test set-up the element suites share: spies that count camera streams and workers, an
 * optional stand-in camera, a list of things to restore, and the mounted element — all undone after
 * each test, so no test can leak a track or a worker into the next.
 */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { agree, mount, query, spyOnCamera, spyOnWorkers, waitForStep, type WorkerSpy } from './element.js';
import { afterEach, beforeEach } from './mocha.js';
import { installStandIn } from './stand-in.js';

export interface Harness {
  el: FaceVerify | null;
  camera: ReturnType<typeof spyOnCamera>;
  workers: WorkerSpy;
  /** Run (in reverse) after the test. */
  restore: (() => void)[];
  /** Mounts the element on backend `variant`; it is removed after the test. */
  mount(variant?: string, setup?: (el: FaceVerify) => void): FaceVerify;
  /** Mounts, agrees and waits for the review step. */
  toReview(variant: string, setup?: (el: FaceVerify) => void): Promise<FaceVerify>;
  /** Clicks the element's button with `part`. */
  click(part: string): void;
  /** Replaces getUserMedia (after the spy, so the spy's stream list still sees what is returned). */
  stubGetUserMedia(fn: (constraints?: MediaStreamConstraints, original?: () => Promise<MediaStream>) => Promise<MediaStream>): void;
}

/** Registers the hooks; `standIn` puts a cooperative stand-in person in front of the camera. */
export function useHarness(options: { standIn?: boolean } = {}): Harness {
  let uninstall: () => void = () => {};
  const h: Harness = {
    el: null,
    camera: undefined as unknown as Harness['camera'],
    workers: undefined as unknown as WorkerSpy,
    restore: [],
    mount(variant, setup) {
      h.el = mount(variant, setup);
      return h.el;
    },
    async toReview(variant, setup) {
      const el = h.mount(variant, setup);
      await agree(el);
      await waitForStep(el, 'review', 40_000);
      return el;
    },
    click(part) {
      query<HTMLButtonElement>(h.el!, `button[part~="${part}"]`).click();
    },
    stubGetUserMedia(fn) {
      const spied = navigator.mediaDevices.getUserMedia;
      navigator.mediaDevices.getUserMedia = (c) => fn(c, () => spied.call(navigator.mediaDevices, c));
      h.restore.push(() => void (navigator.mediaDevices.getUserMedia = spied));
    },
  };
  beforeEach(async () => {
    if (options.standIn) uninstall = await installStandIn();
    h.camera = spyOnCamera();
    h.workers = spyOnWorkers();
  });
  afterEach(() => {
    h.el?.remove();
    h.el = null;
    h.restore.reverse().forEach((r) => r());
    h.restore = [];
    h.workers.restore();
    h.camera.restore();
    uninstall();
    uninstall = () => {};
  });
  return h;
}

/**
 * The test-only stand-in camera (test/stand-in/stand-in-camera.js) for browser tests that need a
 * recording the liveness check accepts: a cooperative person from a real clip of ../shared/media who
 * follows the prompts and reflects the screen's colours. Installed through the page (it replaces
 * getUserMedia), never a hook in the widget.
 */
import '../../stand-in/stand-in-camera.js';

/** ../shared/media, through the dev server's route for files beside the root (the repo). */
export const MEDIA = '/__wds-outside-root__/1/shared/media/';

interface StandIn {
  install(options: Record<string, unknown>): Promise<unknown>;
  uninstall(): void;
}

const standIn = (): StandIn => (globalThis as unknown as { FaceVerifyStandIn: StandIn }).FaceVerifyStandIn;

/** Installs a cooperative stand-in playing `clip` of eval/segments.json; returns its uninstall. */
export async function installStandIn(clip = 'hill', options: Record<string, unknown> = {}): Promise<() => void> {
  const segments = (await (await fetch('/eval/segments.json')).json()) as { clips: { name: string; file: string }[] };
  const entry = segments.clips.find((c) => c.name === clip);
  if (!entry) throw new Error(`eval/segments.json has no clip "${clip}"`);
  // Resolves once the clip is loaded, so a test's own time is not spent fetching it.
  await standIn().install({ clip: `${MEDIA}${entry.file}`, segments: entry, mode: 'cooperative', seed: 1, ...options });
  return () => standIn().uninstall();
}

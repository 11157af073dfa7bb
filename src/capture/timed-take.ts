/**
 * A take that records nothing: the embedding mode runs the liveness script over the camera with
 * the same clock, limits and early ends as a clip recording, but no MediaRecorder ever sees the
 * stream (no video exists to leak). Same contract as {@link recordClip}, minus the bytes.
 */

/** When the take started and how long it lasted. */
export interface TimedTake {
  /** Monotonic ms (performance.now) when the take started; trace times are relative to it. */
  startedAtMonotonic: number;
  durationMs: number;
}

/**
 * Runs for at most `durationMs`. Aborting `signal` rejects with its reason; aborting `finish` ends
 * the take early and resolves; a video track of `stream` ending ends it too (the caller sees the
 * take cut short, as a recorder's would be).
 */
export function timeTake(
  stream: MediaStream,
  options: { durationMs: number; signal?: AbortSignal; finish?: AbortSignal; onStart?: (startedAtMonotonic: number) => void },
): Promise<TimedTake> {
  return new Promise<TimedTake>((resolve, reject) => {
    const { signal, finish } = options;
    if (signal?.aborted) return reject(signal.reason);
    const tracks = stream.getVideoTracks();
    const startedAtMonotonic = performance.now();
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      finish?.removeEventListener('abort', end);
      for (const track of tracks) track.removeEventListener('ended', end);
    };
    const end = (): void => {
      cleanup();
      resolve({ startedAtMonotonic, durationMs: performance.now() - startedAtMonotonic });
    };
    const onAbort = (): void => {
      cleanup();
      reject(signal!.reason);
    };
    const timer = setTimeout(end, options.durationMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    finish?.addEventListener('abort', end, { once: true });
    for (const track of tracks) track.addEventListener('ended', end, { once: true });
    options.onStart?.(startedAtMonotonic);
    if (finish?.aborted || tracks.some((t) => t.readyState === 'ended')) end();
  });
}

/** Retention: purge what is past the notice's retention at start and then hourly. */
import type { FaceVerifyServer } from '../../src/server/index.js';

export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Purges once now (awaited, so a restart never serves data past retention) and then every
 * `intervalMs` on an unref'd timer.
 * @returns stop(): clears the timer.
 */
export async function startRetention(faceVerify: FaceVerifyServer, log: (line: string) => void, intervalMs = PURGE_INTERVAL_MS): Promise<() => void> {
  const purge = async (): Promise<void> => {
    try {
      const { submissions, spentNonces } = await faceVerify.purgeExpired();
      log(`retention: purged ${submissions} submission(s) past retention and ${spentNonces} spent nonce(s)`);
    } catch (error) {
      log(`retention: purge failed: ${(error as Error).message}`);
    }
  };
  await purge();
  const timer = setInterval(() => void purge(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

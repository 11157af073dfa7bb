/**
 * What every fuzz property asserts of one hostile input, and the running tally the suite prints: it
 * is refused (never accepted), with a FaceVerifyError whose code is a documented server code of a
 * 4xx status (an untyped error or a 500 is a crash of the pipeline, not a refusal).
 */
import { isFaceVerifyError, SERVER_ERROR_CODES, type ServerErrorCode } from '../../../src/shared/errors.js';
import { HTTP_STATUS } from '../../../src/server/http.js';

/** Fixed by default so a failure reproduces; FUZZ_SEED=<int> explores other inputs. */
export const SEED = process.env['FUZZ_SEED'] ? Number.parseInt(process.env['FUZZ_SEED'], 10) : 20_261_204;

export const tally = { inputs: 0, accepted: 0, untyped: 0, equivalent: 0 };

/**
 * Runs `action` on one mutated input and returns the code it was refused with.
 * @throws Error (failing the property, so fast-check prints the counterexample) when it was
 *   accepted or refused with anything but a documented 4xx server code.
 */
export async function refusal(action: () => Promise<unknown>): Promise<ServerErrorCode> {
  tally.inputs++;
  try {
    await action();
  } catch (error) {
    if (!isFaceVerifyError(error) || !(SERVER_ERROR_CODES as readonly string[]).includes(error.code)) {
      tally.untyped++;
      throw new Error(`untyped error (would be a 500 internal-error): ${error instanceof Error ? error.stack : String(error)}`);
    }
    const code = error.code as ServerErrorCode;
    if (HTTP_STATUS[code] >= 500) {
      tally.untyped++;
      throw new Error(`refused with ${code} (${HTTP_STATUS[code]}), a server failure, not a refusal: ${error.message}`);
    }
    return code;
  }
  tally.accepted++;
  throw new Error('a mutated input was accepted');
}

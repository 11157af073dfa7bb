import { isFaceVerifyError, type WidgetErrorCode } from '../shared/errors.js';
import { UploadRejectedError } from '../transport/upload.js';
import type { FlowEvent } from './machine.js';
import { isAbortError } from './run-scope.js';

/**
 * The machine event for a failure, or null for an abort (a run that was cancelled or superseded is
 * not a failure). Anything that is not a typed error is a bug, reported as 'vision-failed'.
 */
export function failureEvent(error: unknown): Extract<FlowEvent, { type: 'fail' }> | null {
  if (isAbortError(error)) return null;
  if (error instanceof UploadRejectedError) return { type: 'fail', code: 'upload-rejected', message: error.message, serverCode: error.serverCode };
  if (isFaceVerifyError(error)) return { type: 'fail', code: error.code as WidgetErrorCode, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'fail', code: 'vision-failed', message: `Unexpected failure: ${message}` };
}

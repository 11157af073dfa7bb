/**
 * The face-template worker's lifetime within an embedding-mode session: imported and started only
 * after consent, beside the landmarker (its weights load while the person is guided), kept through
 * the review so a retake is warm, and terminated on every other exit. Clip mode never creates it,
 * so its code and weights are never downloaded there.
 */
import type { FaceDescriptorClient } from '../embedding/descriptor-client.js';
import type { Run } from './run-scope.js';

export class DescriptorWorker {
  client: FaceDescriptorClient | null = null;
  #starting: Promise<FaceDescriptorClient> | null = null;

  /**
   * The client, started once. A client that arrives after `run` was aborted is kept for the next
   * take only if it was not closed meanwhile; {@link close} terminates a start in flight too.
   */
  ensure(run: Run, assetsBase: string): Promise<FaceDescriptorClient> {
    if (this.client) return Promise.resolve(this.client);
    const starting = (this.#starting ??= this.#start(assetsBase));
    return run.settle(starting);
  }

  async #start(assetsBase: string): Promise<FaceDescriptorClient> {
    const abort = new AbortController();
    this.#abortStart = abort;
    try {
      const { FaceDescriptorClient } = await import('../embedding/descriptor-client.js');
      abort.signal.throwIfAborted();
      const client = await FaceDescriptorClient.create({ assetsBase, signal: abort.signal });
      if (abort.signal.aborted) {
        client.close();
        throw abort.signal.reason;
      }
      this.client = client;
      return client;
    } catch (error) {
      if (this.#abortStart === abort) this.#starting = null;
      throw error;
    } finally {
      if (this.#abortStart === abort) this.#abortStart = null;
    }
  }

  #abortStart: AbortController | null = null;

  /** Terminates the worker, or the start in flight (idempotent). */
  close(): void {
    this.#abortStart?.abort(new DOMException('The face-template worker was closed.', 'AbortError'));
    this.#abortStart = null;
    this.#starting = null;
    this.client?.close();
    this.client = null;
  }
}

import type { ClassifiedError } from '../model/classified-error.js';
import type { ConnectionHealth } from './health.js';

/** A connection's health changed (shown by the CLI and the web app). */
export interface HealthChangeEvent {
  /** The connection whose health changed. */
  readonly connectionId: string;
  /** Health before the check. */
  readonly from: ConnectionHealth;
  /** Health after the check. */
  readonly to: ConnectionHealth;
  /** The classified error behind the change, with its remedy; absent when the connection recovered. */
  readonly error?: ClassifiedError | undefined;
}

/** Listeners for {@link HealthChangeEvent}s. */
export class HealthEvents {
  readonly #listeners = new Set<(event: HealthChangeEvent) => void>();

  /** Subscribes; returns the unsubscribe function. */
  on(listener: (event: HealthChangeEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells every listener. A listener that throws does not stop the others. */
  emit(event: HealthChangeEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break health checks.
      }
    }
  }
}

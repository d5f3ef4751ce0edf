// A value that comes at most once, told to every listener, also to one that comes after it.
import type { Unsubscribe } from "./store";

export class OnceSignal<T> {
  private value: T | undefined;
  private closed = false;
  private readonly listeners = new Set<(value: T) => void>();

  /** The first value counts; after close() none does. */
  fire(value: T): void {
    if (this.value !== undefined || this.closed) return;
    this.value = value;
    for (const l of [...this.listeners]) l(value);
  }

  /** A listener that comes after the value hears it in a microtask, as if it had come then. */
  on(listener: (value: T) => void): Unsubscribe {
    const value = this.value;
    if (value === undefined) this.listeners.add(listener);
    else queueMicrotask(() => !this.closed && listener(value));
    return () => this.listeners.delete(listener);
  }

  /** Nobody hears anything from now on (the session is disposed). */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}

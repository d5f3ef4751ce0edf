// A minimal observable value: what the UI subscribes to (like TutorialKit's small stores).

export type Unsubscribe = () => void;

/**
 * Calls every listener, even after one throws: one panel's failure must not keep the others (or the
 * terminal) from hearing a change. The first error is thrown once all have been called, so that it
 * still reaches whoever reports errors.
 */
export function notifyAll<T>(listeners: Iterable<(value: T) => void>, value: T): void {
  let failure: { error: unknown } | undefined;
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

export interface ReadableStore<T> {
  get(): T;
  subscribe(listener: (value: T) => void): Unsubscribe;
}

export class Store<T> implements ReadableStore<T> {
  private listeners = new Set<(value: T) => void>();
  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    notifyAll(this.listeners, value);
  }

  update(fn: (value: T) => T): void {
    this.set(fn(this.value));
  }

  subscribe(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

// A minimal observable value: what the UI subscribes to (like TutorialKit's small stores).

export type Unsubscribe = () => void;

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
    for (const listener of [...this.listeners]) listener(value);
  }

  update(fn: (value: T) => T): void {
    this.set(fn(this.value));
  }

  subscribe(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

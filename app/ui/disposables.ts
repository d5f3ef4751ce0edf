// xterm.js-style disposables: every listener the UI adds is collected and released in one place.

export interface Disposable {
  dispose(): void;
}

export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  add<T extends Disposable>(item: T): T {
    // Adding after disposal would leak, so release it at once instead.
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  /** Wraps a plain cleanup function (an Unsubscribe, removeEventListener…) as a disposable. */
  addFn(fn: () => void): void {
    this.add({ dispose: fn });
  }

  dispose(): void {
    this.disposed = true;
    const items = this.items.reverse();
    this.items = [];
    for (const item of items) item.dispose();
  }
}

/** addEventListener that returns its own removal, so it can go into a DisposableStore. */
export function listen<K extends keyof WindowEventMap>(
  target: Window,
  type: K,
  listener: (event: WindowEventMap[K]) => void,
): Disposable;
export function listen<K extends keyof DocumentEventMap>(
  target: Document,
  type: K,
  listener: (event: DocumentEventMap[K]) => void,
  options?: { capture?: boolean },
): Disposable;
export function listen<K extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  type: K,
  listener: (event: HTMLElementEventMap[K]) => void,
  options?: { capture?: boolean; passive?: boolean },
): Disposable;
export function listen<K extends keyof VisualViewportEventMap>(
  target: VisualViewport,
  type: K,
  listener: (event: VisualViewportEventMap[K]) => void,
): Disposable;
export function listen<K extends keyof MediaQueryListEventMap>(
  target: MediaQueryList,
  type: K,
  listener: (event: MediaQueryListEventMap[K]) => void,
): Disposable;
export function listen(
  target: EventTarget,
  type: string,
  listener: (event: Event) => void,
  options?: { capture?: boolean; passive?: boolean },
): Disposable {
  target.addEventListener(type, listener, options);
  return { dispose: () => target.removeEventListener(type, listener, options) };
}

// Tells the lab when nobody can see it: its tab hidden, or its page scrolled out of view (an embed).
import { useEffect, type RefObject } from "react";
import type { Lab } from "../core/lab-types";
import { DisposableStore, listen, type Disposable } from "./disposables";

/**
 * Calls `onAway` with whether `target` is out of sight: the document hidden, or the element clear
 * of the viewport. Inside a frame the browser measures against the top page's viewport, so an embed
 * scrolled away on a documentation page counts as away, and so does the lab hidden behind About.
 */
export function watchAway(target: Element, onAway: (away: boolean) => void): Disposable {
  const store = new DisposableStore();
  let hidden = document.visibilityState === "hidden";
  let outOfView = false;
  const tell = () => onAway(hidden || outOfView);
  store.add(
    listen(document, "visibilitychange", () => {
      hidden = document.visibilityState === "hidden";
      tell();
    }),
  );
  // Without the observer (old browsers) only a hidden tab counts: the guest runs as it always did.
  if (typeof IntersectionObserver === "function") {
    const observer = new IntersectionObserver((entries) => {
      const last = entries.at(-1);
      if (!last) return;
      outOfView = !last.isIntersecting;
      tell();
    });
    observer.observe(target);
    store.addFn(() => observer.disconnect());
  }
  tell();
  store.addFn(() => onAway(false));
  return store;
}

/**
 * The lab pauses its guest while the element is out of sight; the element says so in
 * `data-paused` (for the page's tests, and anyone inspecting an embed that seems to stand still).
 */
export function useAwayPause(lab: Lab, ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const watch = watchAway(el, (away) => lab.setAway(away));
    const show = (paused: boolean) => (el.dataset.paused = String(paused));
    show(lab.paused.get());
    const off = lab.paused.subscribe(show);
    return () => {
      off();
      watch.dispose();
    };
  }, [lab, ref]);
}

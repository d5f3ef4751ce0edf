// Bringing an element into sight within this document only: scrollIntoView would scroll a page that embeds this one too.

/** The element's nearest ancestor that scrolls vertically, if any does. */
function scroller(el: Element): HTMLElement | undefined {
  for (
    let p = el.parentElement;
    p && p !== document.body && p !== document.documentElement;
    p = p.parentElement
  ) {
    const { overflowY } = getComputedStyle(p);
    if ((overflowY === "auto" || overflowY === "scroll") && p.scrollHeight > p.clientHeight) return p;
  }
  return undefined;
}

/**
 * Scrolls as little as shows `el`'s foot (and never hides its head): its scrolling box if it is in
 * one, then the window.
 */
export function revealNearest(el: Element): void {
  const box = scroller(el);
  if (box) {
    const frame = box.getBoundingClientRect();
    const rect = el.getBoundingClientRect();
    const below = Math.min(rect.bottom - frame.bottom, rect.top - frame.top);
    if (below > 0) box.scrollTop += below;
  }
  const rect = el.getBoundingClientRect();
  const below = Math.min(rect.bottom - window.innerHeight, rect.top);
  if (below > 0) window.scrollBy(0, below);
}

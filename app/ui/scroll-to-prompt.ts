// A short window (200% zoom) may have the terminal's prompt below its edge: the page scrolls to it.

/**
 * Scrolls this document down until `el` (the terminal's input, which sits at its cursor) is inside
 * the window, as the browser does when such an input takes the keyboard. This document only:
 * scrollIntoView would scroll a page embedding this one too.
 */
export function scrollDownTo(el: Element): void {
  // Less what covers the window's foot (the phone's row of keys, key-bar.tsx, says so here).
  const covered = parseFloat(document.documentElement.style.scrollPaddingBottom) || 0;
  const below = el.getBoundingClientRect().bottom - (window.innerHeight - covered);
  if (below > 0) window.scrollBy(0, below);
}

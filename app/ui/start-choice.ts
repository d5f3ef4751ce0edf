// Whether Linux starts by itself or waits for Start: the link's autostart, else not on iPhone and iPad.

/** Their user agents; iPadOS reports itself as a Mac, told apart by its touch points. */
export const APPLE_MOBILE_AGENT = /iPhone|iPad|iPod/;
export const MAC_AGENT = /Macintosh/;

function isAppleMobile(): boolean {
  return (
    APPLE_MOBILE_AGENT.test(navigator.userAgent) ||
    (MAC_AGENT.test(navigator.userAgent) && navigator.maxTouchPoints > 1)
  );
}

/**
 * `autostart`: the link's word (undefined when it said none). An emulated PC can take a tab down on
 * an iPhone or iPad: there Linux waits for a tap on Start, and nothing is downloaded before it.
 * (The HTML's own early start, scripts/early-start-script.ts, decides the same way.)
 */
export function startsByItself(autostart: boolean | undefined): boolean {
  return autostart ?? !isAppleMobile();
}

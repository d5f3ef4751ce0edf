// Text from the guest or the address bar made safe to show: hidden characters become visible escapes.
/**
 * Control characters, and characters that are invisible or turn text around (U+202E would show the
 * rest of a line backwards: a file named "\u202edhss" would read "sshd" in an exe link).
 */
const HIDDEN =
  // Control characters are the point here, not a mistake.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u200b-\u200f\u2028-\u202e\u2060-\u2069\u3164\ufeff\uffa0\u{e0000}-\u{e007f}]/gu;

/** Each hidden character written as \u{hex}, as a program's source would write it. */
export const visibleText = (text: string): string =>
  text.replace(HIDDEN, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);

/** Whether `shown` holds a character visibleText wrote out: typed as shown, it names something else. */
export const showsHiddenText = (shown: string): boolean => /\\u\{[0-9a-f]+\}/.test(shown);

// How a link says yes or no to an on/off setting (?cold=1, ?embed=true, ?userns): one reading for the
// page's code and for the inline script in the HTML that starts the emulator before that code arrives.

/** Values that switch a setting on; "" is a bare `?cold` or `?cold=`. */
export const FLAG_ON: readonly string[] = ["1", "true", ""];
/** Values that switch it off. */
export const FLAG_OFF: readonly string[] = ["0", "false"];

/** On, off, or undefined when absent or not understood. */
export function parseFlag(value: string | null): boolean | undefined {
  if (value === null) return undefined;
  if (FLAG_ON.includes(value)) return true;
  if (FLAG_OFF.includes(value)) return false;
  return undefined;
}

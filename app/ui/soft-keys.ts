// The keys a phone's on-screen keyboard lacks (Esc, Tab, Ctrl+C, Ctrl+D, the arrows), as the keydowns they stand for.
import { keyToBytes, type KeyLike } from "./terminal-keys";

export interface SoftKey {
  /** What the button shows. */
  label: string;
  /** What it is called, for screen readers and tests: what the key does in a shell. */
  name: string;
  key: KeyLike;
}

function keydown(keyCode: number, key: string, code: string, ctrlKey = false): KeyLike {
  return {
    type: "keydown",
    key,
    keyCode,
    code,
    ctrlKey,
    shiftKey: false,
    altKey: false,
    metaKey: false,
    timeStamp: 0,
  };
}

export const SOFT_KEYS: readonly SoftKey[] = [
  { label: "Esc", name: "Esc", key: keydown(27, "Escape", "Escape") },
  { label: "Tab", name: "Tab: complete the name", key: keydown(9, "Tab", "Tab") },
  { label: "^C", name: "Ctrl+C: stop the program", key: keydown(67, "c", "KeyC", true) },
  { label: "^D", name: "Ctrl+D: end of input", key: keydown(68, "d", "KeyD", true) },
  { label: "↑", name: "Up: the command before", key: keydown(38, "ArrowUp", "ArrowUp") },
  { label: "↓", name: "Down: the command after", key: keydown(40, "ArrowDown", "ArrowDown") },
  { label: "←", name: "Left", key: keydown(37, "ArrowLeft", "ArrowLeft") },
  { label: "→", name: "Right", key: keydown(39, "ArrowRight", "ArrowRight") },
];

/** The bytes a key sends, as the terminal's own keyboard would send them (vi asks for other arrows). */
export function softKeyBytes(key: SoftKey, appCursorKeys: boolean): string {
  return keyToBytes(key.key, appCursorKeys) ?? "";
}

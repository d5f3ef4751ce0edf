// The light screen's keys against xterm's own keyboard code, and the page's key policy.
import { evaluateKeyboardEvent } from "xterm-internal/keyboard";
import { describe, expect, it } from "vitest";
import { KeyPolicy, keyToBytes, pasteToBytes, type KeyLike } from "./terminal-keys";

const KEYS: Array<[key: string, keyCode: number]> = [
  ["Enter", 13],
  ["Backspace", 8],
  ["Tab", 9],
  ["Escape", 27],
  ["ArrowUp", 38],
  ["ArrowDown", 40],
  ["ArrowLeft", 37],
  ["ArrowRight", 39],
  ["Home", 36],
  ["End", 35],
  ["Insert", 45],
  ["Delete", 46],
  ["PageUp", 33],
  ["PageDown", 34],
  ...Array.from({ length: 12 }, (_, i): [string, number] => [`F${i + 1}`, 112 + i]),
  ["a", 65],
  ["r", 82],
  ["z", 90],
  ["5", 53],
  [" ", 32],
  ["[", 219],
  ["\\", 220],
  ["]", 221],
];

const SHIFTED: Record<string, string> = { "5": "%", " ": " ", "[": "{", "\\": "|", "]": "}" };

function event(key: string, keyCode: number, mods: number): KeyLike {
  const shift = (mods & 1) !== 0;
  // Modifier bits as xterm counts them: 1 Shift, 2 Alt, 4 Ctrl, 8 Meta.
  return {
    type: "keydown",
    key: shift && key.length === 1 ? (SHIFTED[key] ?? key.toUpperCase()) : key,
    keyCode,
    code: "",
    shiftKey: shift,
    altKey: (mods & 2) !== 0,
    ctrlKey: (mods & 4) !== 0,
    metaKey: (mods & 8) !== 0,
    timeStamp: 0,
  };
}

describe("keyToBytes sends what xterm sends", () => {
  for (const appCursor of [false, true]) {
    it(`every key with every modifier${appCursor ? ", application cursor keys" : ""}`, () => {
      const differ: string[] = [];
      for (const [key, keyCode] of KEYS) {
        for (let mods = 0; mods < 16; mods++) {
          const ev = event(key, keyCode, mods);
          const xterm = evaluateKeyboardEvent(ev, appCursor, false, false).key;
          const ours = keyToBytes(ev, appCursor);
          const label = `${key} mods=${mods}`;
          // Plain text arrives through the text box's input event instead (keyboard layouts, IMEs).
          if (ours === undefined && xterm === ev.key) continue;
          if (ours !== xterm) differ.push(`${label}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(xterm)}`);
        }
      }
      expect(differ).toEqual([]);
    });
  }
});

describe("pasteToBytes", () => {
  it("turns line ends into Enter and brackets the paste when asked", () => {
    expect(pasteToBytes("a\nb\r\nc", false)).toBe("a\rb\rc");
    expect(pasteToBytes("ls\n", true)).toBe("\u001b[200~ls\r\u001b[201~");
  });
});

describe("KeyPolicy", () => {
  const key = (k: Partial<KeyLike>): KeyLike => ({ ...event("a", 65, 0), code: "KeyA", ...k });

  it("keeps Ctrl+Shift+C (copy) and Ctrl+Shift+V (the browser's paste) from the shell", () => {
    const p = new KeyPolicy();
    expect(p.decide(key({ ctrlKey: true, shiftKey: true, code: "KeyC", key: "C" }))).toBe("copy");
    expect(p.decide(key({ ctrlKey: true, shiftKey: true, code: "KeyV", key: "V" }))).toBe("browser");
    expect(p.decide(key({ ctrlKey: true, code: "KeyC", key: "c" }))).toBe("terminal");
  });

  it("leaves on two quick Escapes or Ctrl+Shift+Up; one Escape is the shell's", () => {
    const p = new KeyPolicy();
    const esc = (t: number) => key({ key: "Escape", code: "Escape", timeStamp: t });
    expect(p.decide(esc(1000))).toBe("terminal");
    expect(p.decide(esc(1200))).toBe("leave");
    expect(p.decide(esc(1300))).toBe("terminal");
    expect(p.decide(esc(2000))).toBe("terminal");
    expect(p.decide(key({ ctrlKey: true, shiftKey: true, key: "ArrowUp" }))).toBe("leave");
  });

  it("goes back out on Shift+Tab, except in a full-screen program; Tab stays the shell's", () => {
    const p = new KeyPolicy();
    const tab = (shiftKey: boolean) => key({ key: "Tab", code: "Tab", keyCode: 9, shiftKey });
    expect(p.decide(tab(true))).toBe("back");
    expect(p.decide(tab(false))).toBe("terminal");
    expect(p.decide(tab(true), true)).toBe("terminal");
    expect(p.decide({ ...tab(true), ctrlKey: true })).toBe("terminal");
  });

  it("in a full-screen program leaves only on Ctrl+Shift+Up: its Escapes are its own", () => {
    const p = new KeyPolicy();
    const esc = (t: number) => key({ key: "Escape", code: "Escape", timeStamp: t });
    expect(p.decide(esc(1000), true)).toBe("terminal");
    expect(p.decide(esc(1100), true)).toBe("terminal");
    expect(p.decide(key({ ctrlKey: true, shiftKey: true, key: "ArrowUp" }), true)).toBe("leave");
    // Back at the shell, an Escape pressed in the program does not count towards leaving.
    expect(p.decide(esc(1200))).toBe("terminal");
  });
});

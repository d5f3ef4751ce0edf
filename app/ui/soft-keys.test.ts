import { describe, expect, it } from "vitest";
import { SOFT_KEYS, softKeyBytes } from "./soft-keys";

const bytes = (label: string, app = false) => {
  const key = SOFT_KEYS.find((k) => k.label === label);
  if (!key) throw new Error(`no key ${label}`);
  return softKeyBytes(key, app);
};

describe("soft keys", () => {
  it("send what a keyboard's keys send", () => {
    expect(bytes("Esc")).toBe("\u001b");
    expect(bytes("Tab")).toBe("\t");
    expect(bytes("^C")).toBe("\u0003");
    expect(bytes("^D")).toBe("\u0004");
    expect(bytes("↑")).toBe("\u001b[A");
    expect(bytes("↓")).toBe("\u001b[B");
    expect(bytes("→")).toBe("\u001b[C");
    expect(bytes("←")).toBe("\u001b[D");
  });

  it("send the arrows a full-screen program asked for", () => {
    expect(bytes("↑", true)).toBe("\u001bOA");
    expect(bytes("←", true)).toBe("\u001bOD");
  });

  it("each send something", () => {
    for (const key of SOFT_KEYS) expect(softKeyBytes(key, false)).not.toBe("");
  });
});

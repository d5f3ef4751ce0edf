// A tool's argument is text from elsewhere (often a file's name): shown so that it cannot act on the terminal.
import { describe, expect, it } from "vitest";
import { guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile(async (g) => {
  guest = g;
});

describe("an argument in a tool's output", () => {
  it("an argument's control characters (an escape sequence, a line break) are shown as ?, as ls shows them", async () => {
    const { output } = await guest.run(`masquerade "/no/such/$(printf 'a\\033[31mred\\nresult=0')" 2>&1`);
    expect(output).toContain("masquerade: /no/such/a?[31mred?result=0: ");
    expect(output).not.toContain("\u001b");
  });

  it("so are they in each tool's complaint about its own arguments", async () => {
    const bad = "$(printf 'x\\033[31m\\nresult=0')";
    const cases: Array<[string, string]> = [
      [`setexe --via map /bin/busybox "${bad}"`, "setexe: x?[31m?result=0 is one NEWEXE too many"],
      [`setexe --kill "${bad}"`, "setexe: --kill takes a holder's pid (setexe --list), not x?[31m?result=0"],
      [`setexe "-${bad}"`, "setexe: -x?[31m?result=0 "],
      [`caps "${bad}"`, "caps: x?[31m?result=0 is not an option"],
      [`runas --caps "${bad}" -- true`, "runas: unknown capability 'x?[31m?result=0'"],
      [
        `runas --uid "${bad}" -- true`,
        "runas: --uid takes a number from 0 to 4294967294, not 'x?[31m?result=0'",
      ],
      [`masquerade "-${bad}"`, "masquerade: -x?[31m?result=0 is not an option"],
    ];
    for (const [command, said] of cases) {
      const { output } = await guest.run(`${command} 2>&1`);
      expect(output, command).toContain(said);
      expect(output, command).not.toContain("\u001b");
      expect(output, command).not.toMatch(/^result=0/m);
    }
  });

  it("an argument too long for a paragraph is cut visibly", async () => {
    const { output, status } = await guest.run(
      `masquerade "$(head -c 20000 /dev/zero | tr '\\0' x)" 2>&1 | tail -c 12`,
    );
    expect(status).toBe(0);
    expect(output).toBe("xxxxxx[...]\n");
  });

  it("a C1 control written in UTF-8 is shown as ? too (U+009B is a CSI, as ESC [ is)", async () => {
    const { output } = await guest.run(`masquerade "/no/such/$(printf 'a\\302\\23331mred')" 2>&1`);
    expect(output).toContain("masquerade: /no/such/a?31mred: ");
    expect(output).not.toContain("\u009b");
  });
});

describe("a file that is not there", () => {
  it("is named with the reason, as each tool says it, and an empty name is shown as ''", async () => {
    const cases: Array<[string, string]> = [
      ["setexe ''", "setexe: cannot open '': ENOENT (no such file or directory)"],
      ["masquerade /no/such", "masquerade: /no/such: ENOENT (no such file or directory)"],
      ["masquerade ''", "masquerade: '': ENOENT (no such file or directory)"],
    ];
    for (const [command, said] of cases) {
      const { output, status } = await guest.run(`${command} 2>&1`);
      expect(status, command).toBe(2);
      expect(output.trim(), command).toBe(said);
    }
  });
});

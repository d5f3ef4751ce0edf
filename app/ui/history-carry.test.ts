// The old shell's last command, brought back by the new shell's first ↑ after Apply, and only then.
import { describe, expect, it } from "vitest";
import type { IdentityState } from "../core/lab-types";
import { HistoryCarry } from "./history-carry";

function state(applying: boolean, error?: string): IdentityState {
  return { requested: { uid: 1000, caps: [], userns: false }, applying, error };
}
const UP = "\u001b[A";

describe("HistoryCarry", () => {
  it("gives the new shell's first ↑ at an empty prompt the old shell's last line, once", () => {
    const h = new HistoryCarry();
    h.identity(state(false));
    h.input("", "s");
    h.input("setexe /usr/sbin/sshd", "\r");
    expect(h.rewrite("", UP)).toBe(UP);
    h.identity(state(true));
    h.identity(state(false));
    expect(h.rewrite("", UP)).toBe("setexe /usr/sbin/sshd");
    // The new shell's history is still empty: a second ↑ is the shell's own (nothing), not ours again.
    expect(h.rewrite("", UP)).toBe(UP);
  });

  it("carries the line as the screen shows it at Apply's start, not as it showed when Enter came", () => {
    // Tab, then Enter 100 ms later: the line read at Enter still lacked the completion's echo.
    let screen: string | undefined = "setexe /usr/sbin/sshd";
    const h = new HistoryCarry(() => screen);
    h.input("setexe /usr/sbin/ss", "\r");
    h.identity(state(true));
    h.identity(state(false));
    expect(h.rewrite("", UP)).toBe("setexe /usr/sbin/sshd");
    // Read as empty at Enter (the echo lagging), it is carried all the same.
    h.input("", "\r");
    h.identity(state(true));
    h.identity(state(false));
    expect(h.rewrite("", UP)).toBe("setexe /usr/sbin/sshd");
    // None on screen (cleared): the line as read at Enter.
    screen = undefined;
    h.input("id", "\r");
    h.identity(state(true));
    expect(h.rewrite("", UP)).toBe("id");
  });

  it("takes ↑ in application cursor mode too, and leaves other keys and a typed line alone", () => {
    const h = new HistoryCarry();
    h.input("ls /", "\r");
    h.identity(state(true));
    expect(h.rewrite("", "\u001b[B")).toBe("\u001b[B");
    // A line carried over by Apply (typed, not entered) is at the prompt: ↑ is the shell's.
    expect(h.rewrite("echo half", UP)).toBe(UP);
    // Not known (no prompt in sight): the shell's.
    expect(h.rewrite(undefined, UP)).toBe(UP);
    expect(h.rewrite("", "\u001bOA")).toBe("ls /");
  });

  it("carries nothing once the new shell has a line of its own, after a failed Apply, or for `exit`", () => {
    const h = new HistoryCarry();
    h.input("ls /", "\r");
    h.identity(state(true));
    h.identity(state(false));
    h.input("id", "\r");
    expect(h.rewrite("", UP)).toBe(UP);
    // `exit`: a fresh shell, with the history a fresh shell has (no Apply).
    h.input("exit", "\r");
    h.identity(state(false));
    expect(h.rewrite("", UP)).toBe(UP);
    h.identity(state(true));
    h.identity(state(false, "the guest did not answer"));
    expect(h.rewrite("", UP)).toBe(UP);
  });

  it("records only a lone Enter on a line the screen shows, not an empty line or a paste", () => {
    const h = new HistoryCarry();
    h.input("ls /", "\r");
    h.input("", "\r");
    h.input("  ", "\r");
    h.input("", "echo pasted\r");
    h.identity(state(true));
    expect(h.rewrite("", UP)).toBe("ls /");
  });

  it("does not offer a program's output that looks like a prompt with a line for the learner's command", () => {
    // `echo '[uid 1000] ~ $ rm -rf ~'` leaves a row the screen reads as a line entered at a prompt.
    let screen: string | undefined = "rm -rf ~";
    const h = new HistoryCarry(() => screen);
    h.input(undefined, "\r", "echo '[uid 1000] ~ $ rm -rf ~'");
    h.input("echo '[uid 1000] ~ $ rm -rf ~'", "\r", "echo '[uid 1000] ~ $ rm -rf ~'");
    h.identity(state(true));
    h.identity(state(false));
    expect(h.rewrite("", UP)).toBe("echo '[uid 1000] ~ $ rm -rf ~'");
    // Where the line entered was not read (Tab, its echo lagging), the screen's line is taken.
    h.input("", "\r", undefined);
    screen = "setexe /usr/sbin/sshd";
    h.identity(state(true));
    expect(h.rewrite("", UP)).toBe("setexe /usr/sbin/sshd");
  });
});

// Tests the identity panel's word on a shell running inside the terminal's (unshare -r sh).
import { createElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_IDENTITY } from "../core/identity";
import type { ProcView } from "../core/lab-types";
import { Store, type ReadableStore } from "../core/store";
import { NestedShellNote } from "./nested-shell-note";
import { renderWithLab, textOf } from "./static-render.fixture";

vi.mock("./use-store", () => ({ useStore: <T>(store: ReadableStore<T>): T => store.get() }));

const proc = (pid: number, ppid: number, comm: string): ProcView => ({
  pid,
  ppid,
  uid: 1000,
  comm,
  exe: "/bin/busybox",
  flag: "-",
});

const note = (procs: ProcView[], shellPid: number | null = 30) =>
  textOf(
    renderWithLab(
      {
        procs: new Store(procs),
        identity: new Store({
          requested: DEFAULT_IDENTITY,
          applying: false,
          ...(shellPid === null
            ? {}
            : { actual: { pid: shellPid, uid: 1000, gid: 1000, caps: [], userns: false } }),
        }),
      },
      createElement(NestedShellNote),
    ),
  );

describe("NestedShellNote", () => {
  it("names the newest shell running under the terminal's, and what Now then means", () => {
    const text = note([
      proc(1, 0, "exelab-agent"),
      proc(30, 1, "sh"),
      proc(36, 30, "sh"),
      proc(40, 36, "sh"),
    ]);
    expect(text).toBe(
      "A shell runs inside this one (sh, pid 40). Now names the outer shell: the inner one may have another identity (one you started shows its uid in its prompt; exit leaves it).",
    );
  });

  it("says nothing for other programs, another shell's children, or before the shell is known", () => {
    expect(note([proc(30, 1, "sh"), proc(36, 30, "vi"), proc(50, 1, "sh"), proc(51, 50, "sh")])).toBe("");
    expect(note([proc(30, 1, "sh"), proc(36, 30, "sh")], null)).toBe("");
  });
});

// Tests the process table's badges: only code that differs from the exe file is called masquerading.
import { createElement } from "react";
import { describe, expect, it, vi } from "vitest";
import type { LoadStatus, ProcView } from "../core/lab-types";
import { Store, type ReadableStore } from "../core/store";
import { ExeLinksPanel } from "./exe-links-panel";
import { renderWithLab, textOf } from "./static-render.fixture";

// useSyncExternalStore wants a server snapshot; the store's current value is all a static render needs.
vi.mock("./use-store", () => ({ useStore: <T>(store: ReadableStore<T>): T => store.get() }));

const render = (procs: ProcView[], leftOut = 0, phase: LoadStatus["phase"] = "ready"): string =>
  textOf(
    renderWithLab(
      {
        procs: new Store(procs),
        procsLeftOut: new Store(leftOut),
        status: new Store<LoadStatus>({ phase, detail: "", coldBoot: false }),
      },
      createElement(ExeLinksPanel),
    ),
  );

const proc = (pid: number, comm: string, exe: string, flag: ProcView["flag"]): ProcView => ({
  pid,
  ppid: 1,
  uid: 1000,
  comm,
  exe,
  flag,
});

describe("ExeLinksPanel", () => {
  it("lists no processes of a guest that has stopped (its last list would name the dead)", () => {
    const text = render([proc(7, "sh", "/bin/busybox", "-")], 0, "error");
    expect(text).toContain("The guest is not running: no processes.");
    expect(text).not.toContain("/bin/busybox");
  });

  it("does not call a setexe holder that runs from memory masquerading", () => {
    const text = render([proc(40, "setexe-holder", "/usr/bin/setexe", "anon")]);
    expect(text).toContain("running from memory (anon)");
    expect(text).not.toContain("masquerading");
  });

  it("calls code that differs from its exe file masquerading", () => {
    expect(render([proc(41, "sshd", "/usr/sbin/sshd", "text")])).toContain("masquerading (text)");
  });

  it("says how many processes the guest left out of its report, and where to see them", () => {
    const rows = [proc(40, "sleep", "/bin/busybox", "-")];
    expect(render(rows)).not.toMatch(/not listed/);
    expect(render(rows, 37)).toMatch(
      /And 37 more processes, not listed: .* ps in the terminal shows them all/,
    );
  });
});

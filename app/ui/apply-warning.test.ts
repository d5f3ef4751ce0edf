// What the warning before Apply says: the programs it would end, or that a busy guest cannot say.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ProcEntry } from "../core/protocol";
import { ApplyWarning } from "./apply-warning";
import { textOf } from "./static-render.fixture";

const vi31: ProcEntry = { pid: 31, ppid: 19, uid: 1000, comm: "vi", exe: "/bin/busybox", flag: "-" };
const render = (jobs: ProcEntry[], unknown?: boolean) =>
  textOf(renderToStaticMarkup(createElement(ApplyWarning, { jobs, unknown, onApply() {}, onKeep() {} })));

describe("ApplyWarning", () => {
  it("names what runs, and offers to keep it", () => {
    const text = render([vi31]);
    expect(text).toMatch(/^vi \(pid 31\) runs in the terminal\. Applying starts a new shell and ends it/);
    expect(text).toContain("Keep it running");
  });

  it("says a busy guest cannot tell what runs, naming its last report if it had one", () => {
    expect(render([], true)).toMatch(/^The guest is too busy to say what runs in the terminal\. Applying/);
    expect(render([vi31], true)).toMatch(
      /too busy to say what runs in the terminal \(at its last report, vi \(pid 31\)\)/,
    );
    expect(render([], true)).toContain("Keep what runs");
  });
});

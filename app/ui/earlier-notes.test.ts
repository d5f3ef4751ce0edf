// Tests the card's notes over an answer the page has moved on from: another shell since (Apply).
import { createElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { exeLinkRecord } from "../core/exe-link-record.fixture";
import { DEFAULT_IDENTITY } from "../core/identity";
import type { Attempt, ShellIdentity } from "../core/lab-types";
import type { Era } from "../core/protocol";
import { Store, type ReadableStore } from "../core/store";
import { AttemptCard } from "./attempt-card";
import { renderWithLab, textOf } from "./static-render.fixture";

vi.mock("./use-store", () => ({ useStore: <T>(store: ReadableStore<T>): T => store.get() }));

const user: ShellIdentity = { pid: 80, uid: 1000, gid: 1000, caps: [], userns: false };
const rootWithResource: ShellIdentity = {
  pid: 90,
  uid: 0,
  gid: 0,
  caps: ["cap_sys_resource"],
  userns: false,
};

/** The shell's own refusal in 2012 (EXE_FILE wants CAP_SYS_RESOURCE), made by `then`, with the shell now `now`. */
function card(then: ShellIdentity | undefined, now: ShellIdentity | undefined, running: Era = 2012): string {
  const record = exeLinkRecord({
    era: 2012,
    op: "exe_file",
    check: "cap_sys_resource",
    result: "EPERM",
    caps: [],
  });
  const attempt: Attempt = { seq: 1, at: 0, record, ...(then ? { shellThen: then } : {}) };
  return textOf(
    renderWithLab(
      {
        attempts: new Store([attempt]),
        era: new Store({ current: running, switching: false }),
        identity: new Store({
          requested: DEFAULT_IDENTITY,
          applying: false,
          ...(now ? { actual: now } : {}),
        }),
      },
      createElement(AttemptCard),
    ),
  );
}

describe("the card after the shell's identity changed", () => {
  it("says the answer was for the shell as it was, and leaves out the way to the switches", () => {
    const text = card(user, rootWithResource);
    expect(text).toContain(
      "This answer was for the shell as it was then: uid 1000 in the initial user namespace · no capabilities. The shell is now uid 0",
    );
    expect(text).toContain("Try again to see its answer.");
    expect(text).not.toContain("To the identity switches");
    // What would have passed that check is still said: it is about the process that tried.
    expect(text).toContain("What would pass this check:");
  });

  it("says nothing of the kind for the same shell, a fresh one of the same identity (exit), or none known", () => {
    const pairs: Array<[ShellIdentity | undefined, ShellIdentity | undefined]> = [
      [user, user],
      [user, { ...user, pid: 81 }],
      [user, { ...user, caps: [] }],
      [undefined, rootWithResource],
      [user, undefined],
    ];
    for (const [then, now] of pairs) {
      const text = card(then, now);
      expect(text).not.toContain("This answer was for the shell");
      expect(text).toContain("To the identity switches");
    }
  });

  it("counts a capability gained or lost, a namespace, or a gid as another shell", () => {
    expect(card(user, { ...user, caps: ["cap_sys_admin"] })).toContain("The shell is now");
    expect(card(user, { ...user, userns: true, caps: ["all"] })).toContain("The shell is now");
    expect(card(user, { ...user, gid: 0 })).toContain("The shell is now");
  });

  it("asks for another try once where the era changed too", () => {
    const text = card(user, rootWithResource, 2020);
    expect(text).toContain("This answer was under the 2012 rules");
    expect(text).toContain("The shell is now");
    expect(text.split("Try again to see its answer.")).toHaveLength(2);
  });
});

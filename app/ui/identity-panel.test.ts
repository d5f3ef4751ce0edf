// Tests what the identity panel says, server-rendered with a stand-in lab: the shell as it is, and the root hint.
import { createElement } from "react";
import { describe, expect, it, vi } from "vitest";
import type { IdentityState, LoadStatus } from "../core/lab-types";
import { Store, type ReadableStore } from "../core/store";
import { IdentityPanel } from "./identity-panel";
import { renderWithLab, textOf } from "./static-render.fixture";

// useSyncExternalStore wants a server snapshot; the store's current value is all a static render needs.
vi.mock("./use-store", () => ({ useStore: <T>(store: ReadableStore<T>): T => store.get() }));

// The panel reads only the identity and status stores; the rest of the lab stays out of the picture.
const render = (state: IdentityState, ready = true, phase: LoadStatus["phase"] = "ready"): string =>
  renderWithLab(
    {
      identity: new Store(state),
      status: new Store<LoadStatus>({ phase, detail: "", coldBoot: false }),
    },
    createElement(IdentityPanel, { ready }),
  );

describe("IdentityPanel", () => {
  it("names no shell once the guest has stopped, rather than waiting for one", () => {
    const state = { requested: { uid: 1000, caps: [], userns: false }, applying: false } as IdentityState;
    expect(textOf(render(state, false, "error"))).toContain("Now: no shell: the guest is not running");
    expect(textOf(render(state, false, "booting"))).toContain("Now: waiting for the guest…");
  });

  it("says the shell in a new user namespace is uid 0 there, as its prompt does", () => {
    const html = render({
      requested: { uid: 1000, caps: "all", userns: true },
      actual: { pid: 9, uid: 1000, gid: 1000, caps: ["all"], userns: true },
      applying: false,
    });
    expect(textOf(html)).toContain("Now: uid 0 inside a user namespace of its own (uid 1000 outside)");
  });

  it("names no shell while a guest is being set up (a reboot's fresh one), only once it is ready", () => {
    const state: IdentityState = {
      requested: { uid: 0, caps: [], userns: false },
      actual: { pid: 9, uid: 0, gid: 0, caps: [], userns: false },
      applying: false,
    };
    expect(textOf(render(state, false))).toContain("Now: waiting for the guest…");
    expect(textOf(render(state))).toMatch(/Now: uid 0/);
  });

  it("tells, by the root choice, that root alone holds no capabilities", () => {
    const html = render({ requested: { uid: 0, caps: [], userns: false }, applying: false });
    const radio = /<input type="radio"[^>]*aria-describedby="([^"]+)"[^>]*>/.exec(html);
    expect(radio?.[0]).toMatch(/checked/);
    const hint = new RegExp(`id="${radio?.[1]}"[^>]*>([^<]*)<`).exec(html);
    expect(hint?.[1]).toMatch(/capabilities are chosen below/);
  });
});

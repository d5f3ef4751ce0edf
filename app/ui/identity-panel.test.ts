// Tests what the identity panel says, server-rendered with a stand-in lab: the shell as it is, and the root hint.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { IdentityState, LoadStatus } from "../core/lab-types";
import type { Era, Identity } from "../core/protocol";
import { Store, type ReadableStore } from "../core/store";
import { IdentityPanel } from "./identity-panel";
import { IdentityPrediction } from "./identity-prediction";
import { renderWithLab, textOf } from "./static-render.fixture";

// useSyncExternalStore wants a server snapshot; the store's current value is all a static render needs.
vi.mock("./use-store", () => ({ useStore: <T>(store: ReadableStore<T>): T => store.get() }));

// The panel reads only the identity, status, era and process stores; the rest of the lab stays out of the picture.
const render = (
  state: IdentityState,
  ready = true,
  phase: LoadStatus["phase"] = "ready",
  era: Era = 2020,
): string =>
  renderWithLab(
    {
      identity: new Store(state),
      status: new Store<LoadStatus>({ phase, detail: "", coldBoot: false }),
      era: new Store({ current: era, switching: false }),
      procs: new Store([]),
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

  it("says when the shell is no longer what the switches set (it exec'd another identity)", () => {
    const requested = { uid: 0, caps: "all", userns: false } as const;
    const asSet = { pid: 9, uid: 0, gid: 0, caps: ["all"], userns: false };
    expect(textOf(render({ requested, actual: asSet, applying: false }))).not.toContain("no longer");
    // `exec runas --uid 0 --caps cap_sys_resource -- sh`: the same pid, fewer capabilities.
    const changed = { ...asSet, caps: ["cap_sys_resource"] };
    expect(textOf(render({ requested, actual: changed, applying: false }))).toContain(
      "The shell is no longer what these switches set (it became another identity in place, with exec): Apply starts one that is.",
    );
    // Not while an Apply runs, nor beside its error.
    expect(textOf(render({ requested, actual: changed, applying: true }))).not.toContain("no longer");
    expect(textOf(render({ requested, actual: changed, applying: false, error: "timed out" }))).not.toContain(
      "no longer",
    );
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

  it("predicts, for the switches as they stand and the running era, what each call's check will say", () => {
    const rootNoCaps: IdentityState = { requested: { uid: 0, caps: [], userns: false }, applying: false };
    // Root with no capabilities: uid 0 is what the 2014 rules ask for, a capability what the 2017 ones do.
    const in2014 = textOf(render(rootNoCaps, true, "ready", 2014));
    expect(in2014).toContain("Under the 2014 rules, the model predicts for this identity:");
    expect(in2014).toMatch(/PR_SET_MM_MAP: passes the permission check\. Your real uid and gid are both 0/);
    expect(in2014).toMatch(/PR_SET_MM_EXE_FILE: refused \(EPERM\)\. You do not hold CAP_SYS_RESOURCE/);
    expect(textOf(render(rootNoCaps, true, "ready", 2017))).toMatch(
      /PR_SET_MM_MAP: refused \(EINVAL\)\. You do not hold CAP_SYS_ADMIN in your own user namespace/,
    );
  });

  it("says a prediction for switches not applied yet is the chosen identity's, not the shell's", () => {
    const chosen: Identity = { uid: 0, caps: ["cap_sys_resource"], userns: false };
    const text = textOf(
      renderToStaticMarkup(
        createElement(IdentityPrediction, { identity: chosen, era: 2012, notApplied: true }),
      ),
    );
    expect(text).toContain("the identity as chosen, once applied (the shell does not have it yet):");
    expect(text).toMatch(/PR_SET_MM_EXE_FILE: passes the permission check\. You hold CAP_SYS_RESOURCE/);
  });

  it("predicts for the shell as it is where it became another identity, not for the switches", () => {
    // The default shell, then `exec unshare -r sh`: uid 0 with every capability in a namespace of its own.
    const requested = { uid: 1000, caps: [], userns: false } as const;
    const actual = { pid: 9, uid: 1000, gid: 1000, caps: ["all"], userns: true };
    const text = textOf(render({ requested, actual, applying: false }));
    expect(text).toContain("the model predicts for the shell as it is now, not as the switches set it:");
    // As setexe there meets the kernel: MAP passes (the terminal said OK); the switches' would be refused.
    expect(text).toMatch(/PR_SET_MM_MAP: passes the permission check\./);
    expect(text).not.toContain("PR_SET_MM_MAP: refused");
    expect(text).toMatch(/PR_SET_MM_EXE_FILE: refused \(EPERM\)/);
    // The shell as the switches set it: the prediction is theirs, as before.
    const asSet = { pid: 9, uid: 1000, gid: 1000, caps: [], userns: false };
    const plain = textOf(render({ requested, actual: asSet, applying: false }));
    expect(plain).toContain("the model predicts for this identity:");
    expect(plain).toMatch(/PR_SET_MM_MAP: refused \(EPERM\)/);
  });
});

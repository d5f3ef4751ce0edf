// Tests when the shell the guest reports is the one the page asked for.
import { describe, expect, it } from "vitest";
import { insideIds, isAskedShell } from "./identity";

const shell = { uid: 1000, gid: 1000, caps: [] as string[], userns: false };

describe("isAskedShell", () => {
  it("matches the page's namespace shell, uid 0 inside, and not one that maps no id", () => {
    const asked = { uid: 1000, caps: [], userns: true } as const;
    expect(isAskedShell(asked, { ...shell, userns: true, caps: ["all"], nsUid: 0, nsGid: 0 })).toBe(true);
    // `exec unshare -U sh`: the same outer uid and a namespace, but uid 65534 there.
    expect(isAskedShell(asked, { ...shell, userns: true, caps: ["all"], nsUid: 65534, nsGid: 65534 })).toBe(
      false,
    );
  });

  it("asks for the switches' capabilities exactly outside a namespace, at least inside one", () => {
    const asked = { uid: 0, caps: ["cap_sys_admin"], userns: false } as const;
    const root = { ...shell, uid: 0, gid: 0 };
    expect(isAskedShell(asked, { ...root, caps: ["cap_sys_admin"] })).toBe(true);
    expect(isAskedShell(asked, { ...root, caps: ["cap_sys_admin", "cap_sys_resource"] })).toBe(false);
    expect(isAskedShell({ ...asked, userns: true }, { ...root, userns: true, caps: ["all"] })).toBe(true);
  });
});

describe("insideIds", () => {
  it("takes the agent's word, else the ids runas gives the page's shells", () => {
    expect(insideIds({ ...shell, userns: true, nsUid: 65534, nsGid: 65534 })).toEqual({
      nsUid: 65534,
      nsGid: 65534,
    });
    expect(insideIds({ ...shell, userns: true })).toEqual({ nsUid: 0, nsGid: 0 });
    expect(insideIds(shell)).toEqual({ nsUid: 1000, nsGid: 1000 });
  });
});

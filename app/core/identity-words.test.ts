// Tests the page's words for who a process is, inside and outside a user namespace of its own.
import { describe, expect, it } from "vitest";
import { allCapsNote, describeActual, describeCaps, describeIds, shortIds } from "./identity-words";
import { ALL_CAPABILITIES } from "./permission-model";

describe("describeIds", () => {
  it("names the uid inside a user namespace of its own, the one the shell's prompt shows", () => {
    // uid=1000&userns=1: runas maps 1000 to 0, so the shell is uid 0 inside, 1000 outside.
    expect(describeIds({ uid: 1000, userns: true, rootInside: true }, "your")).toBe(
      "uid 0 inside a user namespace of your own (uid 1000 outside)",
    );
    // uid=0&userns=1: mapped 0 to 0.
    expect(describeIds({ uid: 0, userns: true, rootInside: true }, "its")).toBe(
      "uid 0 inside a user namespace of its own (uid 0 outside too)",
    );
    expect(describeIds({ uid: 1000, euid: 0, userns: true, rootInside: true }, "your")).toBe(
      "uid 0 inside a user namespace of your own (uid 1000 (euid 0) outside)",
    );
  });

  it("claims nothing about the inside when nothing says (a namespace made in the terminal)", () => {
    expect(describeIds({ uid: 1000, userns: true }, "your")).toBe(
      "in a user namespace of your own (uid 1000 outside it)",
    );
  });

  it("does not claim uid 0 inside when the kernel proved otherwise", () => {
    expect(describeIds({ uid: 1000, userns: true, rootInside: false }, "your")).toBe(
      "in a user namespace of your own, where your uid or gid is not 0 (uid 1000 outside it)",
    );
  });

  it("names the plain uid in the initial namespace", () => {
    expect(describeIds({ uid: 1000, userns: false }, "your")).toBe("uid 1000 in the initial user namespace");
    expect(describeIds({ uid: 0, userns: false }, "its")).toBe("uid 0 in the initial user namespace");
    expect(describeIds({ uid: 1000, euid: 0, userns: false }, "your")).toBe(
      "uid 1000 (euid 0) in the initial user namespace",
    );
  });

  it("names a gid other than the uid: the 2014 rule refuses uid 0 with gid 1000", () => {
    expect(describeIds({ uid: 0, gid: 1000, userns: false }, "your")).toBe(
      "uid 0, gid 1000 in the initial user namespace",
    );
    expect(describeIds({ uid: 1000, gid: 1000, userns: false }, "your")).toBe(
      "uid 1000 in the initial user namespace",
    );
    expect(shortIds({ uid: 0, gid: 1000, userns: false })).toBe("uid 0, gid 1000, initial user ns");
    expect(describeIds({ uid: 0, euid: 0, gid: 1000, userns: true, rootInside: true }, "its")).toBe(
      "uid 0 inside a user namespace of its own (uid 0, gid 1000 outside)",
    );
  });
});

describe("shortIds", () => {
  it("gives the card's process line the inside uid too", () => {
    expect(shortIds({ uid: 1000, userns: true, rootInside: true })).toBe(
      "uid 0 in a user ns of its own (uid 1000 outside)",
    );
    expect(shortIds({ uid: 0, userns: true, rootInside: true })).toBe(
      "uid 0 in a user ns of its own (uid 0 outside)",
    );
    expect(shortIds({ uid: 1000, userns: true })).toBe("in a user ns of its own (uid 1000 outside)");
    expect(shortIds({ uid: 1000, euid: 0, userns: false })).toBe("uid 1000 (euid 0), initial user ns");
    expect(shortIds({ uid: 1000, userns: true, rootInside: false })).toMatch(
      /^in a user ns of its own, not uid and gid 0 there \(uid 1000 outside\)$/,
    );
  });
});

describe("describeActual", () => {
  const actual = { pid: 7, gid: 1000, caps: ["all"] };

  it("says what the shell in a new user namespace really is", () => {
    expect(describeActual({ ...actual, uid: 1000, userns: true })).toBe(
      "uid 0 inside a user namespace of its own (uid 1000 outside) · all capabilities there",
    );
    expect(describeActual({ ...actual, uid: 0, gid: 0, userns: true, caps: [] })).toBe(
      "uid 0 inside a user namespace of its own (uid 0 outside too) · no capabilities",
    );
  });

  it("says a shell that made a namespace mapping no id (exec unshare -U sh) is not uid 0 there", () => {
    expect(describeActual({ ...actual, uid: 1000, userns: true, caps: [], nsUid: 65534, nsGid: 65534 })).toBe(
      "uid 65534 (no uid mapped) inside a user namespace of its own (uid 1000 outside) · no capabilities",
    );
  });

  it("keeps the plain form in the initial namespace", () => {
    expect(describeActual({ ...actual, uid: 1000, userns: false, caps: ["cap_checkpoint_restore"] })).toBe(
      "uid 1000 in the initial user namespace · CAP_CHECKPOINT_RESTORE",
    );
  });
});

describe("describeCaps", () => {
  it("summarises long lists instead of printing 41 names", () => {
    expect(describeCaps(ALL_CAPABILITIES)).toBe("all capabilities");
    expect(describeCaps(ALL_CAPABILITIES.slice(0, 22))).toBe("22 capabilities incl. CAP_SYS_ADMIN");
    expect(describeCaps(["CAP_SYS_ADMIN", "cap_kill"])).toBe("CAP_SYS_ADMIN, CAP_KILL");
  });
});

describe("allCapsNote", () => {
  it("calls all capabilities full root only for root outside a namespace of its own", () => {
    expect(allCapsNote({ uid: 0, userns: false })).toBe("(all: full root)");
    expect(allCapsNote({ uid: 1000, userns: false })).not.toMatch(/root/);
    expect(allCapsNote({ uid: 0, userns: true })).not.toMatch(/root/);
    expect(allCapsNote({ uid: 1000, userns: true })).toMatch(/inside the new namespace/);
  });
});

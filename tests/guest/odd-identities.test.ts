// The guest's tools where an identity is unusual: an id the namespace does not map, a namespace that
// maps none, a set-user-ID copy of setexe. Each says what happened in words, not a bare errno.
import { describe, expect, it } from "vitest";
import { attempt, guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

const oneLine = (text: string) => text.replace(/\s+/g, " ");

describe("unusual identities", () => {
  it("runas in a namespace shell asked for an id the namespace does not map says so", async () => {
    await guest.applyIdentity({ uid: 1000, caps: "all", userns: true });
    const r = await guest.run("runas --uid 1000 -- true");
    expect(r.status).toBe(1);
    expect(oneLine(r.output)).toContain(
      "runas: gid 1000 is not mapped in this user namespace (cat /proc/self/gid_map)",
    );
    expect(oneLine(r.output)).toContain("cannot become uid (and gid) 1000: EINVAL");
  });

  it("runas refused a uid change points root at the identity panel, not at --userns (it lacks cap_setfcap)", async () => {
    await guest.applyIdentity({ uid: 0, caps: [], userns: false });
    const r = await guest.run("runas --uid 1000 -- true");
    expect(r.status).toBe(1);
    expect(oneLine(r.output)).toContain(
      "changing uid needs cap_setuid and cap_setgid: the page's identity panel",
    );
    expect(r.output).not.toContain("--userns");
    // As it says: --userns fails for this root, at the uid map.
    expect((await guest.run("runas --userns -- true")).status).toBe(1);
  });

  it("caps in a namespace that maps no id says so, instead of an empty map", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const { output } = await guest.run("unshare -U caps");
    expect(output).toContain("user namespace: nested (no uid mapped: you are the overflow uid 65534)");
    expect(output).not.toContain('count": )');
    // A mapped one still shows its map.
    expect((await guest.run("unshare -r caps")).output).toContain(
      '(uid map "inside outside count": 0 1000 1)',
    );
  });

  it("setexe run set-user-ID says it cannot read its holder's link, not an empty one", async () => {
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    // A copy that runs with euid 1000 (real uid 0): reading its holder's exe link is a ptrace check it fails.
    await guest.run("cp /usr/bin/setexe /tmp/se && chown 1000 /tmp/se && chmod 4755 /tmp/se");
    const { output } = await guest.run("/tmp/se /usr/sbin/sshd; /tmp/se --kill >/dev/null; rm /tmp/se");
    expect(output).toMatch(/link: \/tmp\/se -> \(cannot read the holder's link: EACCES\)/);
    expect(output).not.toMatch(/-> {2}\(/);
  });

  it("setexe --list says why a holder's link is hidden: it holds capabilities the shell lacks", async () => {
    // A holder started by uid 1000 holding CAP_SYS_ADMIN, listed from a shell of uid 1000 without it.
    await guest.applyIdentity({ uid: 1000, caps: ["cap_sys_admin"], userns: false });
    const { pid } = await attempt(guest, "/usr/sbin/sshd");
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const { output } = await guest.run("setexe --list");
    expect(oneLine(output)).toContain(
      `holder pid ${pid}: exe -> (not readable from here: it holds capabilities this shell lacks, or it is another user's)`,
    );
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    await guest.run(`setexe --kill ${pid} >/dev/null`);
  });

  it("a record's process in a namespace whose uid map has 340 lines gets its id from the map's last line", async () => {
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    // 339 lines mapping 2000 up, then root: the kernel shows the map as 340 lines of 33 bytes.
    await guest.run(
      "awk 'BEGIN { for (i = 0; i < 339; i++) print i, 2000 + i, 1; print 339, 0, 1 }' >/tmp/map",
    );
    const from = guest.events.length;
    // Inside, the shell waits for its map (written once, from outside, as soon as it has a namespace).
    await guest.run(
      "unshare -U sh -c 'until grep -q . /proc/self/uid_map; do sleep 0.1; done; setexe --via map /usr/sbin/sshd' " +
        ">/dev/null & until dd if=/tmp/map of=/proc/$!/uid_map bs=4096 2>/dev/null; do sleep 0.1; done; wait; rm /tmp/map",
    );
    const { record } = await guest.waitForEvent("exe_link", (e) => e.record.op === "map", from);
    expect(record).toMatchObject({ uid: 0, userns: "nested", nsUid: 339 });
    await guest.run("setexe --kill >/dev/null");
  });
});

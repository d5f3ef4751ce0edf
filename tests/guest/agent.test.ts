// The control channel against the real agent: every request, bad input, and garbage on the wire.
import { describe, expect, it } from "vitest";
import { parseProcList } from "../../app/core/protocol";
import { guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

describe("requests", () => {
  it("hello reports the protocol version and era", async () => {
    expect(await guest.agent.request({ type: "hello" })).toMatchObject({ v: "1" });
  });

  it("era switches the kernel's rules and refuses other years", async () => {
    await guest.agent.request({ type: "era", year: 2016 });
    expect((await guest.run("cat /proc/sys/kernel/exe_link_era")).output.trim()).toBe("2016");
    await guest.agent.request({ type: "era", year: 2020 });
    expect((await guest.run("cat /proc/sys/kernel/exe_link_era")).output.trim()).toBe("2020");
    guest.agent.sendRaw(new TextEncoder().encode("era id=9001 year=2013\n"));
    await expect(guest.agent.request({ type: "era", year: 1999 as 2012 })).rejects.toMatchObject({
      code: "EINVAL",
    });
  });

  it("the shell cannot change the era itself", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const r = await guest.run("echo 2012 > /proc/sys/kernel/exe_link_era");
    expect(r.status).not.toBe(0);
    expect((await guest.run("cat /proc/sys/kernel/exe_link_era")).output.trim()).toBe("2020");
  });

  it("an era written in the terminal is reported at once, as one set by request is", async () => {
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    /** The era events since `from` (an index into guest.events). */
    const eras = (from: number) => guest.events.slice(from).flatMap((e) => (e.type === "era" ? [e.era] : []));
    let from = guest.events.length;
    expect((await guest.run("echo 2014 > /proc/sys/kernel/exe_link_era")).status).toBe(0);
    await guest.waitFor("the era event", () => (eras(from).includes(2014) ? true : undefined));
    from = guest.events.length;
    await guest.agent.request({ type: "era", year: 2020 });
    await guest.waitFor("the era event", () => (eras(from).includes(2020) ? true : undefined));
    // Only the kernel's word, for accepted writes: a refused year is no news, and neither is the
    // kernel's line written into its log by hand (root may), nor a forged attempt record.
    from = guest.events.length;
    await guest.run("echo 2013 > /proc/sys/kernel/exe_link_era");
    await guest.run("echo 'exe_link_era: era=2012 pid=1 uid=0' > /dev/kmsg");
    await guest.run(
      "echo 'exe_link: pid=1 comm=x op=map era=2012 uid=0 euid=0 userns=initial check=allowed result=0 old=/a new=/b' > /dev/kmsg",
    );
    // Whatever the agent forwards comes before the reply to a request sent after it (see agent.c),
    // and a real write after the forged ones shows the agent read past them.
    await guest.run("echo 2016 > /proc/sys/kernel/exe_link_era");
    await guest.waitFor("the era event", () => (eras(from).includes(2016) ? true : undefined));
    expect(eras(from)).toEqual([2016]);
    expect(guest.events.slice(from).some((e) => e.type === "exe_link")).toBe(false);
    await guest.agent.request({ type: "era", year: 2020 });
  });

  it("a crashing program named like the kernel's lines is no era event, nor a malformed record", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const from = guest.events.length;
    // 89 bytes of i386 ELF whose first instruction reads address 0. The kernel's line about its
    // segfault starts with the task's name (the file's, 15 bytes of it) and ends with the file's name.
    const elf =
      "\\177\\105\\114\\106\\001\\001\\001\\000\\000\\000\\000\\000\\000\\000\\000\\000\\002\\000\\003\\000\\001\\000\\000\\000\\124\\200\\004\\010\\064\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\064\\000\\040\\000\\001\\000\\000\\000\\000\\000\\000\\000\\001\\000\\000\\000\\000\\000\\000\\000\\000\\200\\004\\010\\000\\200\\004\\010\\131\\000\\000\\000\\131\\000\\000\\000\\005\\000\\000\\000\\000\\020\\000\\000\\241\\000\\000\\000\\000";
    for (const name of ["exe_link_era: x era=2012 b", "exe_link: x pid=1 check=allowed"]) {
      const path = `'/tmp/${name}'`;
      await guest.run(`printf '${elf}' > ${path}; chmod +x ${path}; ${path}`);
      const logged = await guest.run(`dmesg | grep -c '^.*${name.slice(0, 15)}\\[[0-9]*\\]: segfault at 0'`);
      expect(logged.output.trim(), name).toBe("1");
    }
    // Read past them: the page's own switch, after them, is the one era event.
    await guest.agent.request({ type: "era", year: 2016 });
    await guest.waitFor("the era event", () =>
      guest.events.slice(from).some((e) => e.type === "era" && e.era === 2016) ? true : undefined,
    );
    expect(guest.events.slice(from).filter((e) => ["era", "garbage", "exe_link"].includes(e.type))).toEqual([
      { type: "era", era: 2016 },
    ]);
    await guest.agent.request({ type: "era", year: 2020 });
  });

  it("shell with clear=1 starts the new shell on a cleared screen, with no note (the page's start-up)", async () => {
    const from = guest.console.length;
    const reply = await guest.agent.request({
      type: "shell",
      identity: { uid: 0, caps: [], userns: false },
      clear: true,
    });
    await guest.waitForEvent("identity", (e) => e.pid === Number(reply.pid));
    expect((await guest.run("id -u")).output.trim()).toBe("0");
    const shown = guest.console.slice(from);
    expect(shown).toContain("\u001b[H\u001b[2J\u001b[3J");
    expect(shown).not.toContain("---- new shell");
    // The new shell's welcome comes after the clearing: the one welcome on screen.
    expect(shown.indexOf("who may change /proc/self/exe")).toBeGreaterThan(shown.indexOf("\u001b[2J"));
  });

  it("shell restarts the terminal's shell with the identity asked for", async () => {
    const event = await guest.applyIdentity({ uid: 1000, caps: ["cap_checkpoint_restore"], userns: false });
    expect(event).toMatchObject({ uid: 1000, userns: false, caps: ["cap_checkpoint_restore"] });
    expect((await guest.run("id -u")).output.trim()).toBe("1000");
    expect((await guest.run("grep CapEff /proc/$$/status")).output).toContain("0000010000000000");
    const ns = await guest.applyIdentity({ uid: 1000, caps: "all", userns: true });
    expect(ns).toMatchObject({ uid: 1000, userns: true });
    expect((await guest.run("id -u")).output.trim()).toBe("0");
    expect(guest.console).toMatch(/-{3,}.*uid 1000/);
  });

  it("runas takes 'none' for no capabilities and says what a refused uid change needs", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const none = await guest.run("runas --caps none -- grep CapEff /proc/self/status");
    expect(none).toMatchObject({ status: 0 });
    expect(none.output).toContain("0000000000000000");
    const root = await guest.run("runas --uid 0 -- true");
    expect(root.status).toBe(1);
    expect(root.output).toMatch(/cannot become uid \(and gid\) 0: EPERM/);
    // The refusal first, then what it takes, one paragraph (broken only to the terminal's width).
    expect(root.output).toMatch(
      /^runas: cannot become uid \(and gid\) 0: EPERM\nrunas: changing uid needs cap_setuid and cap_setgid; without them, try --userns .* or the page's identity panel\n$/,
    );
    // With --userns, --uid is the uid outside: uid 0 there is what a non-root cannot have.
    const outside = await guest.run("runas --userns --uid 0 -- true");
    expect(outside.status).toBe(1);
    expect(outside.output.replace(/\s+/g, " ")).toMatch(
      /with --userns, --uid is the uid outside the namespace, .* --userns alone gives uid 0 inside/,
    );
    expect(outside.output).not.toMatch(/try --userns/);
    // A capability it may not grant: the two ways to one that hold it.
    const admin = await guest.run("runas --caps cap_sys_admin -- true");
    expect(admin.status).toBe(1);
    expect(admin.output.replace(/\s+/g, " ")).toMatch(
      /^runas: cannot grant cap_sys_admin: you do not hold it \(EPERM\); the page's identity panel starts a shell holding it, or --userns gives every capability in a namespace of your own/,
    );
    // CAP_SYS_RESOURCE held in a namespace never passes EXE_FILE's check: said beside --userns.
    const resource = await guest.run("runas --caps cap_sys_resource -- true");
    expect(resource.output.replace(/\s+/g, " ").trim()).toMatch(
      /namespace of your own \(there it does not count for PR_SET_MM_EXE_FILE, which asks the initial namespace\)$/,
    );
    expect(admin.output).not.toMatch(/does not count/);
    // Root short of it is not sent to --userns: mapping uid 0 to itself needs cap_setfcap, gone too.
    await guest.applyIdentity({ uid: 0, caps: [], userns: false });
    const short = await guest.run("runas --uid 0 --caps cap_sys_admin -- true; runas --userns -- true");
    expect(short.output.replace(/\s+/g, " ")).toMatch(
      /^runas: cannot grant cap_sys_admin: .*\(EPERM\); the page's identity panel starts a shell holding it runas: .*uid_map: EPERM/,
    );
  });

  it("ps lists processes with their exe links", async () => {
    const reply = await guest.agent.request({ type: "ps" });
    const list = parseProcList(reply.list);
    expect(list.find((p) => p.pid === 1)).toMatchObject({ exe: "/sbin/exelab-agent", uid: 0 });
    expect(list.some((p) => p.exe === "/bin/busybox")).toBe(true);
  });

  it("ps keeps a process whose exe link holds a comma to one entry of its own", async () => {
    await guest.run("mkdir -p /tmp/a,b && cp /bin/busybox /tmp/a,b/; /tmp/a,b/busybox sleep 600 & true");
    const list = parseProcList((await guest.agent.request({ type: "ps" })).list);
    expect(list.filter((p) => p.exe === "/tmp/a,b/busybox")).toHaveLength(1);
    await guest.run("kill $(jobs -p) 2>/dev/null; wait; rm -r /tmp/a,b");
  });

  it("ps counts the processes its line has no room for, and the procs event says so too", async () => {
    // 150 sleepers: more than one 4 KB line holds (some 90 to 120 entries, by the length of names).
    const before = guest.events.length;
    await guest.run("for i in $(seq 150); do sleep 600 & done");
    // The agent's own report of them first: it reports changes from what it last sent, and one that
    // never got to scan while they lived would see no change once they are gone.
    await guest.waitForEvent("procs", (e) => e.more > 0, before);
    const total = Number((await guest.run("ls -d /proc/[0-9]* | wc -l")).output.trim());
    const reply = await guest.agent.request({ type: "ps" });
    const listed = parseProcList(reply.list).length;
    const more = Number(reply.more);
    expect(more).toBeGreaterThan(0);
    // Kernel threads are not listed: listed and left out together are the rest, give or take the ls.
    expect(listed + more).toBeLessThanOrEqual(total);
    expect(listed + more).toBeGreaterThan(150);
    const from = guest.events.length;
    await guest.run("kill $(jobs -p) 2>/dev/null; wait");
    await guest.waitForEvent("procs", (e) => e.more === 0, from);
  });

  it("clock sets the guest's time", async () => {
    await guest.agent.request({ type: "clock", epoch: 2_000_000_000 });
    const seconds = Number((await guest.run("date +%s")).output.trim());
    expect(seconds).toBeGreaterThanOrEqual(2_000_000_000);
    expect(seconds).toBeLessThan(2_000_000_100);
  });

  it("winsize sets the terminal size the shell sees", async () => {
    await guest.agent.request({ type: "winsize", rows: 33, cols: 101 });
    try {
      expect((await guest.run("stty size")).output.trim()).toBe("33 101");
    } finally {
      await guest.agent.request({ type: "winsize", rows: 50, cols: 400 }); // as bootTestGuest leaves it
    }
  });

  it("the new shell's banner fits the terminal: the closing dashes only where they fit, words whole", async () => {
    const banner = async (cols: number) => {
      await guest.agent.request({ type: "winsize", rows: 24, cols });
      const from = guest.console.length;
      await guest.applyIdentity({ uid: 1000, caps: ["cap_checkpoint_restore"], userns: false });
      const text = guest.console.slice(from).replace(/\r/g, "");
      return text.slice(text.indexOf("---- new shell"), text.indexOf("\n\n"));
    };
    const line = "---- new shell: uid 1000, caps cap_checkpoint_restore, initial user namespace";
    try {
      expect(await banner(120)).toBe(`${line} ----`);
      expect(await banner(80)).toBe(line);
      expect((await banner(40)).split("\n")).toEqual([
        "---- new shell: uid 1000, caps",
        "     cap_checkpoint_restore, initial",
        "     user namespace",
      ]);
    } finally {
      await guest.agent.request({ type: "winsize", rows: 50, cols: 400 });
    }
  });

  it("the banner of a shell in a new namespace says who it is there, and whose capabilities they are", async () => {
    const from = guest.console.length;
    await guest.applyIdentity({ uid: 1000, caps: "all", userns: true });
    expect(guest.console.slice(from)).toContain(
      "---- new shell: uid 0 in a new user namespace (uid 1000 outside), all capabilities there ----",
    );
    const bare = guest.console.length;
    await guest.applyIdentity({ uid: 1000, caps: [], userns: true });
    expect(guest.console.slice(bare)).toContain(
      "---- new shell: uid 0 in a new user namespace (uid 1000 outside), no capabilities ----",
    );
  });

  it("dropcaches has the kernel drop its caches before a state is saved", async () => {
    // The kernel logs each drop (fs/drop_caches.c). Its effect is not measured: files here live in
    // memory (rootfs, tmpfs) and stay, and this tinyconfig kernel's slab keeps no reclaimable count.
    const drops = async () => (await guest.run("dmesg | grep -c 'drop_caches: 3$'")).output.trim();
    const before = Number(await drops());
    await expect(guest.agent.request({ type: "dropcaches" })).resolves.toBeDefined();
    expect(Number(await drops())).toBe(before + 1);
  });

  it("the agent runs niced and the shell it starts does not, so typing comes first", async () => {
    // Field 19 of /proc/PID/stat is the nice value; the command's name (field 2) has no spaces here.
    const nice = async (pid: string) => (await guest.run(`cut -d' ' -f19 /proc/${pid}/stat`)).output.trim();
    expect(await nice("1")).toBe("10");
    expect(await nice("$$")).toBe("0");
  });

  it("unknown requests get ENOSYS", async () => {
    guest.agent.sendRaw(new TextEncoder().encode("frobnicate id=777\n"));
    await guest.agent.request({ type: "hello" });
    expect(guest.controlLines.find((l) => l.startsWith("err id=777 "))).toMatch(/code=ENOSYS/);
  });
});

describe("garbage on the channel", () => {
  it("is reported and never stops the agent", async () => {
    const from = guest.events.length;
    const junk = new Uint8Array(6000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
    guest.agent.sendRaw(junk);
    guest.agent.sendRaw(new TextEncoder().encode("\nno_id_here\n%%%\nhello id=abc\n=\n"));
    await guest.waitForEvent("garbage", () => true, from);
    // Still answering, with the right id.
    expect(await guest.agent.request({ type: "hello" })).toMatchObject({ v: "1" });
    expect((await guest.run("echo alive")).output.trim()).toBe("alive");
  });
});

// The learner's tools' own words: --help, usage errors, and what each refusal means.
import { describe, expect, it } from "vitest";
import { guestForFile, type TestGuest } from "./guest-vm";
import { atWidth, flat, lines } from "./tool-output";

let guest: TestGuest;
guestForFile(async (g) => {
  guest = g;
  await guest.agent.request({ type: "era", year: 2020 });
});

describe("--help", () => {
  it.each(["setexe", "masquerade", "caps", "runas"])(
    "%s --help and -h print the usage and succeed",
    async (tool) => {
      for (const flag of ["--help", "-h"]) {
        // stderr thrown away: the usage must come on stdout.
        const { output, status } = await guest.run(`${tool} ${flag} 2>/dev/null`);
        expect(status, `${tool} ${flag}`).toBe(0);
        expect(output, `${tool} ${flag}`).toMatch(new RegExp(`^usage: ${tool}`));
        for (const line of lines(output)) expect(line.length, line).toBeLessThanOrEqual(80);
      }
    },
  );

  it.each(["setexe", "masquerade", "caps", "runas"])(
    "%s --help is reflowed at words to a 30-column terminal; piped, it is unchanged",
    async (tool) => {
      const narrow = await atWidth(guest, 30, `${tool} --help`);
      const piped = await atWidth(guest, 30, `${tool} --help | cat`);
      // An 80-column terminal (the default font's) gets exactly what a pipe gets.
      expect(await atWidth(guest, 80, `${tool} --help`)).toBe(piped);
      expect(lines(piped).some((l) => l.length > 30)).toBe(true);
      for (const line of lines(narrow)) expect(line.length, line).toBeLessThanOrEqual(30);
      // Broken only at spaces (or after a comma in a list, as caps's lists are): the same words in order.
      const words = (text: string) => text.split(/\s+|(?<=,)/).filter((w) => w !== "");
      expect(words(narrow)).toEqual(words(piped));
    },
  );

  it("an option's description continues under its column, or hangs by 4 when that leaves too little room", async () => {
    const setexe = lines(await atWidth(guest, 30, "setexe --help"));
    const from = setexe.findIndex((l) => l.startsWith("  --keep-mapped  do not"));
    expect(setexe[from + 1]).toMatch(/^ {17}\S/);
    const runas = lines(await atWidth(guest, 30, "runas --help"));
    const uid0 = runas.findIndex((l) => l.startsWith("  --uid 0           CMD"));
    expect(runas[uid0 + 1]).toMatch(/^ {4}\S/); // 20 would leave 10 columns: a plain hanging indent
  });

  it("setexe without a file says what is missing, and runas names the capabilities it knows", async () => {
    const bare = await guest.run("setexe");
    expect(bare.status).toBe(2);
    expect(bare.output).toMatch(
      /^setexe: NEWEXE is missing: which file should the exe link name\?\nusage: setexe/,
    );
    const typo = await guest.run("runas --caps cap_sys_admn -- true");
    expect(typo.status).toBe(2);
    expect(typo.output).toMatch(
      /unknown capability 'cap_sys_admn' \(names as in capabilities\(7\): cap_sys_admin,/,
    );
  });

  it("runas says what was wrong before its usage text", async () => {
    const said = async (command: string) => {
      const { output, status } = await guest.run(command);
      expect(status, command).toBe(2);
      expect(output, command).toMatch(/\nusage: runas/);
      return output.split("\n")[0];
    };
    expect(await said("runas --uid abc -- true")).toBe(
      "runas: --uid takes a number from 0 to 4294967294, not 'abc'",
    );
    expect(await said("runas --uid 0")).toBe("runas: no command to run: put it after '--'");
    expect(await said("runas --bogus -- true")).toBe("runas: unknown option '--bogus'");
    expect(await said("runas --caps")).toBe("runas: this option needs a value: '--caps'");
  });

  it("runas shows a command given without '--' as the line should be, not its whole usage", async () => {
    const { output, status } = await guest.run("runas --userns --uid 5 setexe /usr/sbin/sshd");
    expect(status).toBe(2);
    expect(output.replace(/\n/g, " ")).toMatch(
      /^runas: 'setexe' is not an option: put '--' before the command to run, as in: +runas --userns --uid 5 -- setexe \.\.\. *$/,
    );
    expect(output).not.toContain("usage:");
    expect((await guest.run("runas caps")).output.replace(/\n/g, " ")).toMatch(/as in: +runas -- caps *$/);
  });

  it("runas takes a uid from 2^31 up as given, not as left out (a 32-bit long held it)", async () => {
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    const { output, status } = await guest.run("runas --uid 3000000000 -- cat /proc/self/status");
    expect(status).toBe(0);
    expect(output).toMatch(/^Uid:\t3000000000\t3000000000\t3000000000\t3000000000$/m);
  });

  it("setexe says why it cannot start a holder when the user has too many processes", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    // uid 1000 may have 209 processes (RLIMIT_NPROC): the shell, 207 sleepers and setexe make them all.
    expect((await guest.run("ulimit -u")).output.trim()).toBe("209");
    await guest.run("for i in $(seq 207); do sleep 600 & done");
    const { output, status } = await guest.run("setexe /usr/sbin/sshd");
    await guest.run("kill $(jobs -p); wait");
    expect(status).toBe(1);
    expect(flat(output)).toContain(
      "setexe: cannot start a holder: too many processes of yours (setexe --kill ends your holders;",
    );
  });

  it("setexe says a link set to the file it named already was set, not that it stayed unchanged", async () => {
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    const same = await guest.run("setexe /usr/bin/setexe; setexe --kill >/dev/null");
    expect(same.output).toMatch(/: OK\n/);
    expect(same.output).toContain("(set again: it named that file already)");
    // Refused, it did stay unchanged.
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const refused = await guest.run("setexe /usr/bin/setexe; setexe --kill >/dev/null");
    expect(refused.output).toMatch(/: EPERM\n[\s\S]*\(unchanged\)/);
  });

  it("setexe refuses options that cannot go together, and a --kill without a pid, saying why", async () => {
    const kill = await guest.run("setexe --kill abc");
    expect(kill.status).toBe(2);
    expect(kill.output).toMatch(
      /^setexe: --kill takes a holder's pid \(setexe --list\), not abc\nusage: setexe/,
    );
    // --list and --kill are whole commands of their own, not options of an attempt.
    for (const args of ["--list x", "/usr/sbin/sshd --list", "--kill 1 2"]) {
      const { output, status } = await guest.run(`setexe ${args}`);
      expect(status, args).toBe(2);
      expect(output, args).toMatch(
        /^setexe: --(list|kill) goes alone: setexe --list, or setexe --kill \[PID\]\n/,
      );
    }
  });

  it("setexe's help says its flags' errnos come only past the permission check", async () => {
    const help = (await guest.run("setexe --help")).output;
    expect(help).toMatch(/--keep-mapped .*\(expect EBUSY\*\)/);
    expect(flat(help)).toMatch(/--open path open NEWEXE with O_PATH, .*\(expect EBADF\*\)/);
    expect(help).toMatch(/^\* once past the permission check, which comes first/m);
  });

  it("setexe takes -- as the end of its options, and says what a refused open means", async () => {
    const ended = await guest.run("setexe --");
    expect(ended.status).toBe(2);
    expect(ended.output).toMatch(/^setexe: NEWEXE is missing/);
    // After "--" a name beginning with "-" is the NEWEXE, not an option.
    const dashed = await guest.run("cd /tmp && setexe -- -x; cd");
    expect(dashed.output).toMatch(/^setexe: cannot open -x: ENOENT/);
    // Every word after it, options' names too.
    const named = await guest.run("cd /tmp && setexe -- --twice; cd");
    expect(named.output).toMatch(/^setexe: cannot open --twice: ENOENT/);
    const two = await guest.run("setexe -- /usr/sbin/sshd --twice");
    expect(two.status).toBe(2);
    expect(two.output).toMatch(/^setexe: --twice is one NEWEXE too many: one file at a time /);
    // Most often a name with a space in it, unquoted: the message says how to write one.
    const spaced = await guest.run("setexe /tmp/my sshd");
    expect(spaced.status).toBe(2);
    expect(spaced.output).toMatch(
      /^setexe: sshd is one NEWEXE too many: one file at a time \(a name with spaces goes in quotes: '\/tmp\/my file'\)\n/,
    );
    // A file under a directory the shell may not search: the open's EACCES says both reasons.
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const hidden = await guest.run("setexe /root/anything");
    expect(hidden.output).toMatch(
      /EACCES \(no permission to read it, or to search a directory on its path\)/,
    );
  });

  it("a setexe holder keeps no descriptor it inherited: a file written through one is free again", async () => {
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    await guest.run("cp /usr/sbin/sshd /tmp/held; chmod 755 /tmp/held");
    // While the shell that ran it holds the file open for writing, the kernel refuses: true.
    const first = await guest.run("sh -c 'exec 3>>/tmp/held; setexe /tmp/held'");
    expect(first.output).toMatch(/EACCES/);
    // That shell is gone: only the first holder could still hold it, and it must not.
    const second = await guest.run("setexe /tmp/held");
    expect(second.output).toMatch(/-> \/tmp\/held: OK$/m);
    await guest.run("setexe --kill >/dev/null; rm /tmp/held");
  });

  it("say that the open-for-write rule is 5.15's, kept here in every era, where it shows beside 2012", async () => {
    await guest.agent.request({ type: "era", year: 2012 });
    await guest.run("cp /usr/sbin/sshd /tmp/held; chmod 755 /tmp/held");
    const refused = await guest.run(
      "sh -c 'exec 3>>/tmp/held; setexe --via file /tmp/held'; setexe --kill >/dev/null",
    );
    expect(flat(refused.output)).toContain(
      "rule from 2021: the new exe is open for writing somewhere (Linux 5.15; this kernel applies it in every era)",
    );
    expect(flat((await guest.run("caps")).output)).toContain(
      "open for writing: a Linux 5.15 rule, applied here in every era",
    );
    await guest.run("rm /tmp/held");
    await guest.agent.request({ type: "era", year: 2020 });
  });

  it("setexe refused by the permission check says what --keep-mapped or --bad-fd meets past it", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const kept = await guest.run("setexe --keep-mapped /usr/sbin/sshd; setexe --kill >/dev/null");
    expect(flat(kept.output)).toContain(
      "then: once past this check, --keep-mapped meets EBUSY (the old executable is still mapped)",
    );
    const bad = await guest.run("setexe --bad-fd; setexe --kill >/dev/null");
    expect(flat(bad.output)).toContain("then: once past this check, --bad-fd meets EBADF");
    // Without a flag, or past the check, there is nothing to warn of.
    expect((await guest.run("setexe /usr/sbin/sshd; setexe --kill >/dev/null")).output).not.toContain(
      "then:",
    );
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    const past = await guest.run("setexe --keep-mapped /usr/sbin/sshd; setexe --kill >/dev/null");
    expect(past.output).toMatch(/EBUSY/);
    expect(past.output).not.toContain("then:");
  });

  it("setexe --open path and --open write: what each meets, what a refused open means, what goes with what", async () => {
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    const path = await guest.run("setexe --open path /usr/sbin/sshd; setexe --kill >/dev/null");
    expect(path.output).toMatch(/-> \/usr\/sbin\/sshd \(opened O_PATH\): EBADF$/m);
    // busybox runs the shell: no one may open it for writing, and the message says what to do.
    const running = await guest.run("setexe --open write /bin/busybox");
    expect(running.status).toBe(2);
    expect(flat(running.output)).toContain(
      "setexe: cannot open /bin/busybox for writing: ETXTBSY (a running program's file: copy it and open the copy, cp /bin/busybox /tmp/bb)",
    );
    const misspelt = await guest.run("setexe --open read /usr/sbin/sshd");
    expect(misspelt.status).toBe(2);
    expect(misspelt.output).toMatch(/^setexe: --open takes path or write\nusage: setexe/);
    const both = await guest.run("setexe --bad-fd --open path");
    expect(both.status).toBe(2);
    expect(both.output).toMatch(/^setexe: --bad-fd opens no file: --open path has nothing to open\n/);
    // Refused by the permission check first: the warning says what the flag meets past it.
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const refused = await guest.run("setexe --open path /usr/sbin/sshd; setexe --kill >/dev/null");
    expect(flat(refused.output)).toContain(
      "then: once past this check, --open path meets EBADF (an O_PATH handle opens no file)",
    );
    const unwritable = await guest.run("setexe --open write /usr/sbin/sshd");
    expect(unwritable.output).toMatch(
      /cannot open \/usr\/sbin\/sshd for writing: EACCES \(no permission to write it, or to search a directory on its path\)/,
    );
    await guest.run("cp /usr/sbin/sshd /tmp/mine");
    const mine = await guest.run("setexe --open write /tmp/mine; setexe --kill >/dev/null; rm /tmp/mine");
    expect(flat(mine.output)).toContain(
      "then: once past this check, --open write meets EACCES (the new exe is open for writing)",
    );
  });

  it("masquerade takes no other options, and says so", async () => {
    const { output, status } = await guest.run("masquerade -x");
    expect(status).toBe(2);
    expect(output).toMatch(/^masquerade: -x is not an option\nusage: masquerade/);
  });

  it("masquerade with no disguise, or two messages, says what was wrong before its usage text", async () => {
    const bare = await guest.run("masquerade");
    expect(bare.status).toBe(2);
    expect(bare.output).toMatch(
      /^masquerade: DISGUISE is missing: which program should the exe link name\?\nusage:/,
    );
    const two = await guest.run("masquerade /usr/sbin/sshd hello world");
    expect(two.status).toBe(2);
    expect(two.output).toMatch(
      /^masquerade: one MESSAGE at most: put quotes around a message with spaces\nusage:/,
    );
  });
});

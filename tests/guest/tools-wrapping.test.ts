// The learner's tools' explanations as a terminal shows them: wrapped to its width at words.
import { describe, expect, it } from "vitest";
import { guestForFile, type TestGuest } from "./guest-vm";
import { atWidth, flat, lines } from "./tool-output";

let guest: TestGuest;
guestForFile(async (g) => {
  guest = g;
  await guest.agent.request({ type: "era", year: 2020 });
});

/** The lines from the one starting with `label` up to the next line that is not indented deeper. */
function paragraph(text: string, label: string): string[] {
  const all = lines(text);
  const from = all.findIndex((l) => l.startsWith(label));
  if (from < 0) throw new Error(`no "${label}" line in:\n${text}`);
  const end = all.findIndex((l, i) => i > from && !l.startsWith(" ".repeat(label.length)));
  return all.slice(from, end < 0 ? undefined : end);
}

const WHY_2020 =
  "  why: rule from 2020: PR_SET_MM_MAP's exe_fd needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in your user namespace";
describe("explanations fit the terminal", () => {
  it("setexe wraps its why-line at a space, continuing under the text after the label", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const out = await atWidth(guest, 40, "setexe --via map /usr/sbin/sshd");
    for (const line of lines(out)) expect(line.length, line).toBeLessThanOrEqual(40);
    const why = paragraph(out, "  why: ");
    expect(why.length).toBeGreaterThan(1);
    for (const line of why.slice(1)) expect(line).toMatch(/^ {7}\S/);
    // Broken only where there were spaces: the words read the same.
    expect(why.map((l) => l.trim()).join(" ")).toBe(WHY_2020.trim());
    expect(paragraph(out, "  holder: ").join(" ")).toMatch(/holder: pid \d+ /);
  });

  it("a short last word is not left on a line of its own: the word before it goes down too", async () => {
    // "  why: PR_SET_MM_EXE_FILE takes only a descriptor: prctl's 4th and 5th arguments must be 0" is
    // 92 columns: at 89 (a 1366 px window's) its "0" stood alone.
    const why = paragraph(await atWidth(guest, 89, "setexe --bad-args"), "  why: ");
    expect(why).toEqual([
      "  why: PR_SET_MM_EXE_FILE takes only a descriptor: prctl's 4th and 5th arguments must",
      "       be 0",
    ]);
  });

  it("a remark in brackets goes on under its first word, not under its ': ' (it has no label)", async () => {
    await guest.applyIdentity({ uid: 1000, caps: "all", userns: true });
    try {
      const out = await atWidth(guest, 89, "setexe --via file /usr/sbin/sshd");
      expect(paragraph(out, "  (")).toEqual([
        "  (you are in a user namespace of your own: a capability held there does not count",
        "   for this)",
      ]);
    } finally {
      await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    }
  });

  it("setexe's lines stay whole when its output is no terminal", async () => {
    const out = await atWidth(guest, 40, "setexe --via map /usr/sbin/sshd | cat");
    expect(lines(out)).toContain(WHY_2020);
    // Where to see the record, as a command (reading /dev/kmsg itself would not end).
    expect(lines(out).some((l) => l.endsWith("(its record: dmesg | grep exe_link)"))).toBe(true);
    expect(
      lines(out).some((l) => /^ {2}holder: pid (\d+) \(ls -l \/proc\/\1\/exe; setexe --kill \1\)$/.test(l)),
    ).toBe(true);
  });

  it("caps wraps capability lists after a comma and prose at spaces; piped, it is unchanged", async () => {
    await guest.applyIdentity({
      uid: 1000,
      caps: ["cap_sys_admin", "cap_sys_resource", "cap_checkpoint_restore"],
      userns: false,
    });
    const narrow = await atWidth(guest, 40, "caps");
    const piped = await atWidth(guest, 40, "caps | cat");
    const wide = (await guest.run("caps")).output;
    // A terminal wide enough gets exactly what a pipe gets.
    expect(wide).toBe(piped);
    expect(lines(piped)).toContain("  effective:   cap_sys_admin,cap_sys_resource,cap_checkpoint_restore");
    for (const line of lines(narrow)) expect(line.length, line).toBeLessThanOrEqual(40);
    expect(paragraph(narrow, "  effective:   ")).toEqual([
      "  effective:   cap_sys_admin,",
      "               cap_sys_resource,",
      "               cap_checkpoint_restore",
    ]);
    // Same words in the same order: only whitespace moved.
    expect(narrow.replace(/\s+/g, "")).toBe(piped.replace(/\s+/g, ""));
  });

  it("caps explains a namespace's capabilities only beside a check they pass", async () => {
    const hint = "a user namespace you created gives you those capabilities there";
    await guest.applyIdentity({ uid: 1000, caps: [], userns: true });
    expect(flat((await guest.run("caps")).output)).not.toContain(hint);
    await guest.applyIdentity({ uid: 1000, caps: "all", userns: true });
    expect(flat((await guest.run("caps")).output)).toContain(hint);
  });

  it("a paragraph with a tab (from an argument) is left whole: its width depends on where it lands", async () => {
    const name = (sep: string) => `/no/such/tab${sep}here and a rather long name`;
    const plain = await atWidth(guest, 40, `masquerade "${name("-")}"`);
    expect(lines(plain).length).toBeGreaterThan(1);
    for (const line of lines(plain)) expect(line.length, line).toBeLessThanOrEqual(40);
    const tabbed = await atWidth(guest, 40, `masquerade "${name("$(printf '\\t')")}"`);
    expect(lines(tabbed)[0]).toMatch(new RegExp(`^masquerade: ${name("\t")}: \\S`));
  });
});

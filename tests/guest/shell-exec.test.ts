// A shell that becomes another identity in place (`exec runas …`, `exec unshare -r sh`): the agent
// says so without a new shell to report, and the card then counts it as the shell, not as another.
import { describe, expect, it } from "vitest";
import { explainRecord } from "../../app/core/explain";
import { attempt, cardFor, guestForFile, type ShellEvent, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

/** The shell's identity events since `from` (an index into guest.events). */
const identities = (from: number): ShellEvent[] =>
  guest.events.slice(from).filter((e): e is ShellEvent => e.type === "identity");

describe("a shell that execs another identity", () => {
  it("is reported once, as it changes, with no new shell; an unchanged shell is not reported again", async () => {
    let root = await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    await guest.agent.request({ type: "era", year: 2020 });
    // Scans come and go (every 200 ms while tasks change, 2 s when idle): none repeats the identity.
    let from = guest.events.length;
    for (let i = 0; i < 5; i++) await guest.run("ls / >/dev/null");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(identities(from)).toEqual([]);

    from = guest.events.length;
    guest.session.sendConsole(new TextEncoder().encode("exec runas --uid 1000 --caps none -- sh\n"));
    const plain = await guest.waitForEvent("identity", (e) => e.uid === 1000, from, 10_000);
    expect(plain).toMatchObject({ pid: root.pid, uid: 1000, gid: 1000, caps: [], userns: false });
    await guest.atPrompt();
    expect(identities(from)).toHaveLength(1);

    // Its setexe is the shell's own: predicted from the shell, not "another identity".
    const { records } = await attempt(guest, "/usr/sbin/sshd");
    const card = cardFor(records[0], 2020, plain);
    expect(card.otherIdentity).toBeUndefined();
    expect(card.prediction?.errno).toBe("EPERM");
    expect(card.agrees).toBe(true);

    from = guest.events.length;
    guest.session.sendConsole(new TextEncoder().encode("exec unshare -r sh\n"));
    const nested = await guest.waitForEvent("identity", (e) => e.userns, from, 10_000);
    expect(nested).toMatchObject({ pid: root.pid, uid: 1000, caps: ["all"], userns: true });
    await guest.atPrompt();
    const again = await attempt(guest, "/usr/sbin/sshd");
    const nestedCard = cardFor(again.records[0], 2020, nested);
    expect(nestedCard.otherIdentity).toBeUndefined();
    expect(nestedCard.prediction?.errno).toBe("0");
    expect(nestedCard.agrees).toBe(true);

    // `exec unshare -U sh`: a namespace that maps no id, the shell uid 65534 there. In 2014 (uid and
    // gid 0 asked for there) its own attempt is refused, as predicted, and the card's way mends it.
    await guest.agent.request({ type: "era", year: 2014 });
    guest.session.sendConsole(new TextEncoder().encode("exit\n"));
    await guest.waitForEvent("identity", (e) => e.pid !== root.pid, guest.events.length);
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const plainShell = identities(0).at(-1);
    from = guest.events.length;
    guest.session.sendConsole(new TextEncoder().encode("exec unshare -U sh\n"));
    const unmapped = await guest.waitForEvent("identity", (e) => e.userns, from, 10_000);
    expect(unmapped).toMatchObject({
      pid: plainShell?.pid,
      uid: 1000,
      userns: true,
      nsUid: 65534,
      nsGid: 65534,
    });
    await guest.atPrompt();
    const refused = await attempt(guest, "/usr/sbin/sshd");
    const refusedCard = cardFor(refused.records[0], 2014, unmapped);
    expect(refusedCard.otherIdentity).toBeUndefined();
    expect(refusedCard).toMatchObject({ agrees: true, prediction: { errno: "EINVAL" } });
    expect(explainRecord(refused.records[0], { shell: refusedCard.shell }).wouldPass).toMatch(
      /the page's "new user namespace" maps you to 0 there; Apply it/,
    );
    await guest.agent.request({ type: "era", year: 2020 });
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    root = identities(0).at(-1) ?? root;

    // Its exit ends the session: the agent starts the identity it was asked for again.
    from = guest.events.length;
    guest.session.sendConsole(new TextEncoder().encode("exit\n"));
    const fresh = await guest.waitForEvent("identity", (e) => e.pid !== root.pid, from);
    expect(fresh).toMatchObject({ uid: 0, caps: root.caps, userns: false });
  });
});

// Starting and ending the lab against stand-in guests: Start over twice at once, dispose mid-start.
import { describe, expect, it, vi } from "vitest";
import { fakeSession, freshGuests, type FakeGuest } from "./fake-guest.fixture";
import { createLab } from "./lab";
import { parseManifest } from "./manifest";
import { manifestJson } from "./manifest.fixture";

const manifest = parseManifest(manifestJson);

describe("Start over", () => {
  it("forgets what the last guest said of its shell: a failing one, an identity not applied", async () => {
    const guests = [
      fakeSession({ silent: false, announceReady: true }),
      fakeSession({ silent: false, announceReady: true }),
    ];
    let n = 0;
    const lab = createLab({ manifest, launcher: { start: async () => guests[n++].session } });
    await lab.start();
    guests[0].say("shell_failing deaths=2 status=127 retry=4");
    expect(lab.identity.get().failing).toEqual({ deaths: 2, status: 127, retry: 4 });
    await lab.retry();
    expect(lab.identity.get().failing).toBeUndefined();
    lab.dispose();
  });

  it("twice at once keeps one guest, the later start's: the other's emulator is ended or never made", async () => {
    const guests: FakeGuest[] = [];
    const lab = createLab({ manifest, launcher: freshGuests(guests) });
    await lab.start();
    // Two Start overs in one task: the first gives way before it makes a guest.
    await Promise.all([lab.start(), lab.start()]);
    expect(guests).toHaveLength(2);
    // A second while the first's guest boots: that guest is ended as it comes.
    const first = lab.start();
    await vi.waitFor(() => expect(guests).toHaveLength(3));
    await Promise.all([first, lab.start()]);
    expect(guests).toHaveLength(4);
    expect(guests.map((g) => g.log.includes("dispose"))).toEqual([true, true, true, false]);
    expect(lab.status.get().phase).toBe("ready");
    // The page talks to the one kept.
    await lab.setEra(2016);
    expect(guests[3].log).toContain("request era say up=0");
    lab.dispose();
  });
});

describe("dispose", () => {
  it("during a start ends the guest that start makes, as it comes", async () => {
    const guest = fakeSession({ silent: false, announceReady: false });
    let made: (session: FakeGuest["session"]) => void = () => {};
    let launched: () => void = () => {};
    const launching = new Promise<void>((ok) => (launched = ok));
    const start = () => {
      launched();
      return new Promise<FakeGuest["session"]>((ok) => (made = ok));
    };
    const lab = createLab({ manifest, launcher: { start } });
    const starting = lab.start();
    await launching;
    lab.dispose();
    made(guest.session);
    await starting;
    expect(guest.log).toContain("dispose");
  });
});

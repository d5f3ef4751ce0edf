// The lab's start-up against stand-in guests: keys typed early are never lost, whatever happens.
import { describe, expect, it, vi } from "vitest";
import { fakeSession, type FakeGuest } from "./fake-guest.fixture";
import { AWAY_GRACE_MS } from "./guest-pause";
import { createLab } from "./lab";
import { parseManifest } from "./manifest";
import { manifestJson } from "./manifest.fixture";
import type { BootMode, SessionLauncher } from "./session-launcher";

const manifest = parseManifest(manifestJson);

describe("the lab's start-up", () => {
  it("gives keys typed into a restored shell that then fails to the cold-booted one", async () => {
    const restored = fakeSession({ silent: true, announceReady: false });
    const cold = fakeSession({ silent: false, announceReady: true });
    const modes: BootMode[] = [];
    const launcher: SessionLauncher = {
      start: async (mode) => {
        modes.push(mode);
        return mode === "restore" ? restored.session : cold.session;
      },
    };
    const lab = createLab({ manifest, launcher, helloTimeoutMs: 50 });
    const started = lab.start();
    lab.sendTerminalInput("echo typed-early\r");
    await started;
    expect(modes).toEqual(["restore", "cold"]);
    expect(restored.typed).toEqual(["echo typed-early\r"]);
    expect(cold.typed).toEqual(["echo typed-early\r"]);
    expect(lab.status.get()).toMatchObject({ phase: "ready", coldBoot: true, live: true });
    lab.dispose();
  });

  /** A started lab whose restore ends as `whenLoaded` says, beside a cold boot that answers. */
  async function startWithRestore(whenLoaded: () => Promise<void>, loadTimeoutMs?: number) {
    const restored = fakeSession({ silent: false, announceReady: false });
    restored.session.whenLoaded = whenLoaded;
    const cold = fakeSession({ silent: false, announceReady: true });
    const launcher: SessionLauncher = {
      start: async (mode) => (mode === "restore" ? restored.session : cold.session),
    };
    const lab = createLab({ manifest, launcher, loadTimeoutMs });
    await lab.start();
    return lab;
  }

  it("boots cold when the saved state cannot be restored, and says why", async () => {
    const lab = await startWithRestore(() => Promise.reject(new Error("Invalid header: 0")));
    expect(lab.status.get()).toMatchObject({ phase: "ready", coldBoot: true, live: true });
    expect(lab.status.get().fallbackReason).toMatch(/could not be restored \(Invalid header: 0\)/);
    lab.dispose();
  });

  it("does not boot cold when the emulator itself cannot load: that would fail the same way", async () => {
    const modes: BootMode[] = [];
    const launcher: SessionLauncher = {
      start: async (mode) => {
        modes.push(mode);
        throw new Error("could not load the emulator (v86.wasm): HTTP 404");
      },
    };
    const lab = createLab({ manifest, launcher });
    await lab.start();
    expect(modes).toEqual(["restore"]);
    expect(lab.status.get()).toMatchObject({ phase: "error", coldBoot: false });
    expect(lab.status.get().error).toMatch(/could not load the emulator \(v86\.wasm\): HTTP 404/);
    lab.dispose();
  });

  it("boots cold when restoring the saved state never ends", async () => {
    const lab = await startWithRestore(() => new Promise(() => {}), 50);
    expect(lab.status.get()).toMatchObject({ phase: "ready", coldBoot: true, live: true });
    expect(lab.status.get().fallbackReason).toMatch(/did not restore the state within 0.05 s/);
    lab.dispose();
  });

  it("boots cold when the saved state's download stalls, and a stalled cold boot fails with Retry", async () => {
    const cold = fakeSession({ silent: false, announceReady: true });
    let late: FakeGuest | undefined;
    const launcher: SessionLauncher = {
      start: (mode, onProgress) => {
        if (mode === "cold") return Promise.resolve(cold.session);
        // Some bytes, then nothing: after the stall the rest arrives anyway (reported, and the session
        // made, unless the start was called off), and must change nothing.
        onProgress("Downloading the guest (0.1 of 1.8 MB)", 0.05);
        return new Promise((resolve) =>
          setTimeout(() => {
            onProgress("Downloading the guest (1.8 of 1.8 MB)", 1);
            late = fakeSession({ silent: false, announceReady: false });
            resolve(late.session);
          }, 150),
        );
      },
    };
    const lab = createLab({ manifest, launcher, stallTimeoutMs: 50 });
    await lab.start();
    expect(lab.status.get()).toMatchObject({ phase: "ready", coldBoot: true });
    expect(lab.status.get().fallbackReason).toMatch(/the download stalled: no data for 0.05 s/);
    await new Promise((r) => setTimeout(r, 200));
    expect(late?.log).toContain("dispose");
    expect(lab.status.get()).toMatchObject({ phase: "ready", coldBoot: true });
    lab.dispose();

    const never: SessionLauncher = { start: () => new Promise(() => {}) };
    const stalledCold = createLab({ manifest, launcher: never, coldBoot: true, stallTimeoutMs: 50 });
    await stalledCold.start();
    expect(stalledCold.status.get()).toMatchObject({ phase: "error" });
    expect(stalledCold.status.get().error).toMatch(/stalled/);
    stalledCold.dispose();
  });

  it("gives keys typed during a cold boot to its first shell only once its prompt is up", async () => {
    // Before its line editor runs, the tty would echo them, and then the shell again.
    const cold = fakeSession({ silent: false, announceReady: true, logTyped: true, promptAfterMs: 40 });
    const lab = createLab({ manifest, launcher: { start: async () => cold.session }, coldBoot: true });
    const started = lab.start();
    lab.sendTerminalInput("echo early\r");
    await started;
    const prompt = cold.log.indexOf("console [uid 1000] ~ $ ");
    expect(prompt).toBeGreaterThanOrEqual(0);
    expect(cold.log.indexOf("typed echo early\r")).toBeGreaterThan(prompt);
    lab.dispose();
  });

  it("does not pause a cold boot out of sight before its first prompt, and pauses it after", async () => {
    // Paused while its prompt is waited for, the wait would run out and keys go early (echoed twice).
    const cold = fakeSession({ silent: false, announceReady: true, promptAfterMs: AWAY_GRACE_MS + 500 });
    const lab = createLab({ manifest, launcher: { start: async () => cold.session }, coldBoot: true });
    lab.setAway(true);
    await lab.start();
    await vi.waitFor(() => expect(cold.log).toContain("pause"), { timeout: 2 * AWAY_GRACE_MS + 1000 });
    expect(cold.log.indexOf("pause")).toBeGreaterThan(cold.log.indexOf("console [uid 1000] ~ $ "));
    lab.dispose();
  }, 10_000);

  it("types into a restored shell that answers only once", async () => {
    const restored = fakeSession({ silent: false, announceReady: false });
    const launcher: SessionLauncher = { start: async () => restored.session };
    const lab = createLab({ manifest, launcher });
    const started = lab.start();
    lab.sendTerminalInput("echo once\r");
    await started;
    lab.sendTerminalInput("echo twice\r");
    expect(restored.typed).toEqual(["echo once\r", "echo twice\r"]);
    expect(lab.status.get()).toMatchObject({ phase: "ready", coldBoot: false });
    lab.dispose();
  });

  it("shows the saved screen's welcome wrapped at words to the terminal's width", async () => {
    const welcome = "  caps                   who you are, and what this era's checks predict";
    const withWelcome = parseManifest({
      ...manifestJson,
      files: { ...manifestJson.files, state: { ...manifestJson.files.state, console: `${welcome}\r\n$ ` } },
    });
    const restored = fakeSession({ silent: false, announceReady: false });
    const lab = createLab({ manifest: withWelcome, launcher: { start: async () => restored.session } });
    let shown = "";
    lab.onTerminalOutput((bytes) => (shown += new TextDecoder().decode(bytes)));
    // The terminal tells its size before the lab starts (TerminalHost's first fit).
    lab.resizeTerminal(24, 40);
    await lab.start();
    expect(
      shown.startsWith(
        "  caps                   who you are,\r\n    and what this era's checks predict\r\n$ ",
      ),
    ).toBe(true);
    lab.dispose();
  });

  it("writes no saved screen where its stand-in drew it, and takes keys at once", async () => {
    const restored = fakeSession({ silent: false, announceReady: false });
    const launcher = { start: async () => restored.session };
    const lab = createLab({ manifest, launcher, firstScreenShown: true });
    let shown = "";
    lab.onTerminalOutput((bytes) => (shown += new TextDecoder().decode(bytes)));
    const started = lab.start();
    lab.sendTerminalInput("echo after\r");
    await started;
    expect(shown).toBe("");
    expect(restored.typed).toEqual(["echo after\r"]);
    // A later start (Start over) shows its own saved screen again (the fixture's is a bare prompt).
    await lab.start();
    expect(shown).toBe("$ ");
    lab.dispose();
  });

  it("greets a restored agent after the answer to keys typed into the saved screen", async () => {
    const restored = fakeSession({ silent: false, announceReady: false });
    // The guest answers the early keys in two bursts, the second one 20 ms after the restore.
    restored.session.whenLoaded = () => {
      setTimeout(() => restored.emitConsole("echo early\r\n"), 5);
      setTimeout(() => restored.emitConsole("early\r\n$ "), 20);
      return Promise.resolve();
    };
    const lab = createLab({ manifest, launcher: { start: async () => restored.session } });
    const started = lab.start();
    lab.sendTerminalInput("echo early\r");
    await started;
    expect(restored.log.slice(0, 3)).toEqual([
      "console echo early\r\n",
      "console early\r\n$ ",
      "request hello",
    ]);
    lab.dispose();
  });

  it("greets a restored agent after the answer to keys typed just after the restore", async () => {
    const restored = fakeSession({ silent: false, announceReady: false });
    // This guest answers every key 5 ms after it arrives.
    const send = restored.session.sendConsole;
    restored.session.sendConsole = (bytes) => {
      send(bytes);
      setTimeout(() => restored.emitConsole(new TextDecoder().decode(bytes)), 5);
    };
    restored.session.whenLoaded = () => {
      // Called by lab.start(), below: lab exists by then.
      setTimeout(() => lab.sendTerminalInput("ls\r"), 10);
      return Promise.resolve();
    };
    const lab = createLab({ manifest, launcher: { start: async () => restored.session } });
    await lab.start();
    expect(restored.log.slice(0, 2)).toEqual(["console ls\r", "request hello"]);
    lab.dispose();
  });

  it("greets a restored agent within a second even if the typed command never goes quiet", async () => {
    const restored = fakeSession({ silent: false, announceReady: false });
    let printing: ReturnType<typeof setInterval> | undefined;
    restored.session.whenLoaded = () => {
      printing = setInterval(() => restored.emitConsole("y\r\n"), 10);
      return Promise.resolve();
    };
    const lab = createLab({ manifest, launcher: { start: async () => restored.session } });
    const started = lab.start();
    lab.sendTerminalInput("yes\r");
    const t0 = Date.now();
    await started;
    clearInterval(printing);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(restored.log).toContain("request hello");
    expect(lab.status.get()).toMatchObject({ phase: "ready", coldBoot: false });
    lab.dispose();
  });
});

// A silent agent: a busy guest is kept and said to be busy; a dead one is said dead, with the kernel's words.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentClient } from "./agent-client";
import { fakeSession } from "./fake-guest.fixture";
import { kernelLastWords, watchGuest } from "./guest-liveness";
import type { GuestPulse } from "./session-launcher";

afterEach(() => {
  vi.useRealTimers();
});

const BEAT = { everyMs: 100, timeoutMs: 50, misses: 2 };

function watched(pulse: GuestPulse) {
  vi.useFakeTimers();
  const options = { silent: true, announceReady: false, pulse };
  const fake = fakeSession(options);
  const agent = new AgentClient(fake.session.controlTransport());
  const heard: string[] = [];
  const stop = watchGuest(fake.session, agent, BEAT, {
    onEra: (era) => heard.push(`era ${era}`),
    onBusy: (busy) => heard.push(busy ? "busy" : "back"),
    onDead: (why, restart) => heard.push(`dead${restart ? " (restart)" : ""}: ${why}`),
  });
  return { fake, options, heard, stop };
}

describe("watchGuest", () => {
  it("keeps a guest whose kernel runs, says it is busy, and that it is back when the agent answers", async () => {
    const { options, heard, stop, fake } = watched({ alive: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect(heard).toEqual(["busy"]);
    expect(fake.log.filter((l) => l === "pulse").length).toBeGreaterThan(1);
    options.silent = false;
    await vi.advanceTimersByTimeAsync(300);
    expect(heard.slice(0, 3)).toEqual(["busy", "back", "era 2020"]);
    stop();
  });

  it("says a guest whose kernel stopped is dead, once, naming what its kernel printed last", async () => {
    const { fake, heard, stop } = watched({ alive: false, why: "its kernel panicked", kernel: "panic" });
    fake.emitConsole("Kernel panic - not syncing: System is deadlocked on memory\r\n");
    fake.emitConsole("---[ end Kernel panic - not syncing: System is deadlocked on memory ]---\r\n");
    await vi.advanceTimersByTimeAsync(2000);
    expect(heard).toEqual([
      'dead: the guest stopped answering (no reply for 0.1 s): its kernel panicked: "System is deadlocked on memory"',
    ]);
    stop();
  });

  it("takes no words from the console unless the kernel said it is gone: anyone can print them", async () => {
    const { fake, heard, stop } = watched({ alive: false, why: "the emulator's worker does not answer" });
    fake.emitConsole("Kernel panic - not syncing: printed by a learner\r\n");
    await vi.advanceTimersByTimeAsync(1000);
    expect(heard).toEqual([
      "dead: the guest stopped answering (no reply for 0.1 s): the emulator's worker does not answer",
    ]);
    stop();
  });

  it("without last words, says what the emulator showed", async () => {
    const { heard, stop } = watched({ alive: false, why: "the emulator is not running" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(heard).toEqual([
      "dead: the guest stopped answering (no reply for 0.1 s): the emulator is not running",
    ]);
    stop();
  });

  it("hears at once that the kernel ended, and waits a moment for its last words", async () => {
    vi.useFakeTimers();
    const fake = fakeSession({ silent: false, announceReady: false });
    const agent = new AgentClient(fake.session.controlTransport());
    const heard: string[] = [];
    const stop = watchGuest(
      fake.session,
      agent,
      { everyMs: 60_000, timeoutMs: 50, misses: 2 },
      {
        onEra: () => {},
        onBusy: () => heard.push("busy"),
        onDead: (why, restart) => heard.push(`dead${restart ? " (restart)" : ""}: ${why}`),
      },
    );
    // The reboot notifier runs before the kernel's "reboot: Power down".
    fake.emitEnd({ why: "its kernel powered the machine off", kernel: "power_off" });
    fake.emitConsole("reboot: Power down\r\n");
    fake.emitEnd({ why: "the machine was reset", restart: true });
    expect(heard).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(heard).toEqual(['dead: its kernel stopped ("Power down")']);
    stop();
  });

  it("says a reboot is one, and hears nothing once stopped", async () => {
    vi.useFakeTimers();
    const { fake, heard, stop } = watched({ alive: true });
    fake.emitEnd({ why: "its kernel restarted the machine", kernel: "restart", restart: true });
    await vi.advanceTimersByTimeAsync(200);
    expect(heard).toEqual(["dead (restart): its kernel restarted the machine"]);
    stop();
    const again = watched({ alive: true });
    again.stop();
    again.fake.emitEnd({ why: "its kernel panicked", kernel: "panic" });
    await vi.advanceTimersByTimeAsync(2000);
    expect(again.heard).toEqual([]);
  });

  it("never asks the CPU while the agent answers", async () => {
    const { options, heard, fake, stop } = watched({ alive: true });
    options.silent = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.log).not.toContain("pulse");
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.every((h) => h === "era 2020")).toBe(true);
    stop();
  });
});

describe("kernelLastWords", () => {
  it("takes the last line of the kind the kernel signalled, and nothing from ordinary output", () => {
    expect(kernelLastWords("$ ls\r\nfoo\r\n", "panic")).toBeUndefined();
    const both = "reboot: System halted\r\nKernel panic - not syncing: Attempted to kill init!\r\n";
    expect(kernelLastWords(both, "panic")).toBe('its kernel panicked: "Attempted to kill init!"');
    expect(kernelLastWords(both, "halt")).toBe('its kernel stopped ("System halted")');
    expect(kernelLastWords("reboot: Power down\r\n", "power_off")).toBe('its kernel stopped ("Power down")');
  });

  it("is not fooled by a panic a learner printed before a reboot", () => {
    const tail = "Kernel panic - not syncing: fake words\r\nreboot: Restarting system\r\n";
    expect(kernelLastWords(tail, "restart")).toBeUndefined();
  });
});

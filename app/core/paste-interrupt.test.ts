// Which Ctrl+C overtakes a paste (one soon after a long paste), and what it does then.
import { afterEach, describe, expect, it, vi } from "vitest";
import { agentPair } from "./agent-pair.fixture";
import { fakeSession } from "./fake-guest.fixture";
import { PasteInterrupt } from "./paste-interrupt";

afterEach(() => vi.useRealTimers());

function setUp() {
  let clock = 1_000_000;
  const { client: agent, sent, guest } = agentPair();
  const fake = fakeSession({ silent: false, announceReady: false });
  const typed: string[] = [];
  const pastes = new PasteInterrupt(() => clock);
  const take = (text: string) => pastes.take(text, { session: fake.session, agent }, (t) => typed.push(t));
  const drops = () => fake.log.filter((l) => l === "drop console").length;
  return { take, sent, guest, drops, typed, tick: (ms: number) => (clock += ms) };
}

describe("PasteInterrupt", () => {
  it("leaves a Ctrl+C with no paste before it as typed", () => {
    const t = setUp();
    expect(t.take("ls\r")).toBe(false);
    expect(t.take("\r\n")).toBe(false);
    expect(t.take("\u0003")).toBe(false);
    expect(t.sent).toEqual([]);
  });

  it("sends a Ctrl+C soon after a paste of lines by the agent, with a deadline a second on", async () => {
    const t = setUp();
    expect(t.take("echo a\recho b\recho c\r")).toBe(false);
    t.tick(30_000);
    expect(t.take("\u0003")).toBe(true);
    expect(t.sent).toEqual(["interrupt id=1 before=1031000\n"]);
    // Done: what the emulator still holds of the paste is dropped, nothing typed.
    t.guest("ok id=1 done=1\n");
    await vi.waitFor(() => expect(t.drops()).toBe(1));
    expect(t.typed).toEqual([]);
    // Once: the next Ctrl+C has no paste before it.
    expect(t.take("\u0003")).toBe(false);
  });

  it("holds the keys typed while the agent is at it, and types them after its answer", async () => {
    for (const done of ["1", "0"]) {
      const t = setUp();
      t.take("a\rb\r");
      expect(t.take("\u0003")).toBe(true);
      // Typed at once, they would be in the emulator and the guest's terminal when both are emptied.
      expect(t.take("echo after\r")).toBe(true);
      expect(t.take("\u0003")).toBe(true);
      expect(t.typed).toEqual([]);
      t.guest(`ok id=1 done=${done}\n`);
      const after = ["echo after\r", "\u0003"];
      await vi.waitFor(() => expect(t.typed).toEqual(done === "1" ? after : ["\u0003", ...after]));
      expect(t.drops()).toBe(done === "1" ? 1 : 0);
      // Then keys go as typed again.
      expect(t.take("ls\r")).toBe(false);
    }
  });

  it("types it after the paste where ^C is a key like any other (vi): nothing dropped", async () => {
    const t = setUp();
    t.take("a\rb\r");
    expect(t.take("\u0003")).toBe(true);
    t.guest("ok id=1 done=0\n");
    await vi.waitFor(() => expect(t.typed).toEqual(["\u0003"]));
    expect(t.drops()).toBe(0);
  });

  it("counts one long line as a paste too, and not for ever", () => {
    const t = setUp();
    t.take("x".repeat(600));
    t.tick(60_000);
    expect(t.take("\u0003")).toBe(false);
  });

  it("types the Ctrl+C itself when the agent does not answer (its CPU taken), or answers too late", async () => {
    vi.useFakeTimers();
    const t = setUp();
    t.take("a\rb\r");
    expect(t.take("\u0003")).toBe(true);
    await vi.advanceTimersByTimeAsync(2500);
    expect(t.typed).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.typed).toEqual(["\u0003"]);
    const again = setUp();
    again.take("a\rb\r");
    again.take("\u0003");
    again.guest("err id=1 code=ETIME msg=too%20late\n");
    await vi.advanceTimersByTimeAsync(0);
    expect(again.typed).toEqual(["\u0003"]);
  });

  it("leaves it as typed where no guest is ready", () => {
    const pastes = new PasteInterrupt(() => 0);
    pastes.take("a\nb\n", undefined, () => {});
    expect(pastes.take("\u0003", undefined, () => {})).toBe(false);
  });
});

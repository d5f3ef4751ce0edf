// Which Ctrl+C overtakes a paste (one soon after a long paste), and what it does then.
import { describe, expect, it } from "vitest";
import { AgentClient } from "./agent-client";
import { fakeSession } from "./fake-guest.fixture";
import { PasteInterrupt } from "./paste-interrupt";

function setUp() {
  let clock = 0;
  const sent: string[] = [];
  const agent = new AgentClient({
    send: (bytes) => sent.push(new TextDecoder().decode(bytes)),
    onBytes: () => () => {},
  });
  const fake = fakeSession({ silent: false, announceReady: false });
  const typed: string[] = [];
  const pastes = new PasteInterrupt(() => clock);
  const take = (text: string) => pastes.take(text, { session: fake.session, agent }, (t) => typed.push(t));
  return { take, sent, log: fake.log, typed, tick: (ms: number) => (clock += ms) };
}

describe("PasteInterrupt", () => {
  it("leaves a Ctrl+C with no paste before it as typed", () => {
    const t = setUp();
    expect(t.take("ls\r")).toBe(false);
    expect(t.take("\u0003")).toBe(false);
    expect(t.sent).toEqual([]);
  });

  it("sends a Ctrl+C soon after a paste of lines by the agent, the emulator's unread input dropped first", () => {
    const t = setUp();
    expect(t.take("echo a\necho b\necho c\n")).toBe(false);
    t.tick(30_000);
    expect(t.take("\u0003")).toBe(true);
    expect(t.log).toContain("drop console");
    expect(t.sent).toEqual(["interrupt id=1\n"]);
    // Once: the next Ctrl+C has no paste before it.
    expect(t.take("\u0003")).toBe(false);
  });

  it("counts one long line as a paste too, and not for ever", () => {
    const t = setUp();
    t.take("x".repeat(600));
    t.tick(60_000);
    expect(t.take("\u0003")).toBe(false);
  });

  it("types the Ctrl+C after all when the agent does not answer (its CPU taken)", async () => {
    const t = setUp();
    t.take("a\nb\n");
    expect(t.take("\u0003")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(t.typed).toEqual(["\u0003"]);
  });

  it("leaves it as typed where no guest is ready", () => {
    const pastes = new PasteInterrupt(() => 0);
    pastes.take("a\nb\n", undefined, () => {});
    expect(pastes.take("\u0003", undefined, () => {})).toBe(false);
  });
});

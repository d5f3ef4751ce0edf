// AgentClient over an in-memory transport: ids, replies, timeouts, garbage.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentError } from "./agent-client";
import { agentPair } from "./agent-pair.fixture";
import type { GuestEvent } from "./protocol";

afterEach(() => vi.useRealTimers());

describe("AgentClient", () => {
  it("matches replies to requests by id", async () => {
    const { client, sent, guest } = agentPair();
    const a = client.request({ type: "hello" });
    const b = client.request({ type: "era", year: 2016 });
    expect(sent).toEqual(["hello id=1\n", "era id=2 year=2016\n"]);
    guest("err id=2 code=EPERM msg=no\nok id=1 v=1 era=2020\n");
    await expect(a).resolves.toMatchObject({ v: "1", era: "2020" });
    await expect(b).rejects.toMatchObject({ code: "EPERM" });
  });

  it("holds requests made while held: unsent and untimed until release, then sent in order", async () => {
    vi.useFakeTimers();
    const { client, sent, guest } = agentPair();
    client.hold();
    const a = client.request({ type: "hello" }, 1000);
    const b = client.request({ type: "ps" }, 1000);
    expect(sent).toEqual([]);
    expect(client.waiting).toBe(2);
    // Held far longer than either may wait once sent: neither times out.
    vi.advanceTimersByTime(60_000);
    client.release();
    expect(sent).toEqual(["hello id=1\n", "ps id=2\n"]);
    guest("ok id=1 v=1 era=2020\n");
    await expect(a).resolves.toMatchObject({ era: "2020" });
    expect(client.waiting).toBe(1);
    // Timed from the release on.
    vi.advanceTimersByTime(1001);
    await expect(b).rejects.toMatchObject({ code: "ETIMEDOUT" });
    expect(client.waiting).toBe(0);
  });

  it("ends held requests with the session", async () => {
    const { client, sent } = agentPair();
    client.hold();
    const a = client.request({ type: "hello" });
    client.dispose();
    await expect(a).rejects.toMatchObject({ code: "ECANCELED" });
    expect(sent).toEqual([]);
  });

  it("times out when the guest is silent", async () => {
    vi.useFakeTimers();
    const { client } = agentPair();
    const p = client.request({ type: "ps" }, 1000);
    vi.advanceTimersByTime(1001);
    await expect(p).rejects.toBeInstanceOf(AgentError);
  });

  it("takes a late answer to a request it gave up on as late, not as a problem", async () => {
    vi.useFakeTimers();
    const { client, guest } = agentPair();
    const problems: string[] = [];
    client.onProblem((p) => problems.push(p));
    const p = client.request({ type: "hello" }, 1000);
    vi.advanceTimersByTime(1001);
    await expect(p).rejects.toMatchObject({ code: "ETIMEDOUT" });
    guest("ok id=1 v=1 era=2020\n");
    expect(problems).toEqual([]);
    // Only once: the same id again is unsolicited.
    guest("ok id=1 v=1 era=2020\n");
    expect(problems).toHaveLength(1);
  });

  it("reports garbage and unsolicited replies, and keeps going", async () => {
    const { client, guest } = agentPair();
    const problems: string[] = [];
    const events: GuestEvent[] = [];
    client.onProblem((p) => problems.push(p));
    client.onEvent((e) => events.push(e));
    guest("\u0000\u00ff%%%\nok id=99\nready v=1 era=2020\ngarbage line=x reason=bad%20type\n");
    expect(problems).toHaveLength(3);
    expect(events.map((e) => e.type)).toEqual(["ready", "garbage"]);
  });

  it("keeps going past a listener that throws: the other listeners, the rest of the bytes, the next line", async () => {
    const { client, guest } = agentPair();
    const problems: string[] = [];
    const eras: string[] = [];
    client.onProblem((p) => problems.push(p));
    client.onEvent((e) => {
      if (e.type === "era" && eras.length === 0) {
        eras.push("threw");
        throw new Error("the address bar refused");
      }
    });
    client.onEvent((e) => e.type === "era" && eras.push(String(e.era)));
    const ps = client.request({ type: "ps" });
    guest("era era=2012\nok id=1 list=\n");
    guest("era era=2014\n");
    await expect(ps).resolves.toMatchObject({ list: "" });
    expect(eras).toEqual(["threw", "2012", "2014"]);
    expect(problems).toEqual(['the page failed on the guest\'s "era" line: the address bar refused']);
  });
});

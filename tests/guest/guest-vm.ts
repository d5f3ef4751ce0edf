// Test harness: boots the committed guest (public/vm) in v86 under Node, with shell and agent helpers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { V86, type V86 as V86Machine } from "v86";
import { afterAll, beforeAll } from "vitest";
import { AgentClient } from "../../app/core/agent-client";
import { parseManifest, type Manifest } from "../../app/core/manifest";
import type { Attempt } from "../../app/core/lab-types";
import { toAttempt } from "../../app/core/observations";
import {
  LineSplitter,
  type Era,
  type ExeLinkRecord,
  type GuestEvent,
  type Identity,
} from "../../app/core/protocol";
import { VmSession, type V86Constructor } from "../../app/core/vm-session";
import { unzstd } from "../../app/core/zstd-decode";

const ROOT = new URL("../..", import.meta.url).pathname;
const VM_DIR = join(ROOT, "public/vm");
export const WASM_PATH = join(ROOT, "node_modules/v86/build/v86.wasm");

export function loadManifest(): Manifest {
  return parseManifest(JSON.parse(readFileSync(join(VM_DIR, "manifest.json"), "utf8")));
}

/** Compiled once per test file and handed to every guest, as the page does: its code path, not v86's. */
let compiled: Promise<WebAssembly.Module> | undefined;
export function wasmModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(readFileSync(WASM_PATH));
  return compiled;
}

/**
 * v86's constructor for a session, remembering the machine it made last: for tests that look inside
 * it (guest memory, instruction counter) or stop it the way a wedged emulator would.
 */
export function trackedV86(): { V86: V86Constructor; last: () => V86Machine | undefined } {
  let last: V86Machine | undefined;
  const Tracked = function (options: ConstructorParameters<V86Constructor>[0]) {
    last = new (V86 as unknown as V86Constructor)(options);
    return last;
  } as unknown as V86Constructor;
  return { V86: Tracked, last: () => last };
}

export function readImage(name: string): ArrayBuffer {
  const b = readFileSync(join(VM_DIR, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

/** The kernel as v86 takes it: public/vm/ has it in zstd (write-manifest.mjs), as the page gets it. */
export async function readKernel(manifest: Manifest): Promise<ArrayBuffer> {
  const file = readImage(manifest.files.bzimage.name);
  return unzstd(await wasmModule(), file) ?? file;
}

let markerSeq = 0;

export class TestGuest {
  console = "";
  readonly events: GuestEvent[] = [];
  readonly problems: string[] = [];
  /** Every raw line the agent sent, for checks below the codec. */
  readonly controlLines: string[] = [];
  private waiters = new Set<() => void>();

  constructor(
    readonly session: VmSession,
    readonly agent: AgentClient,
  ) {
    session.onConsole((bytes) => {
      const text = new TextDecoder().decode(bytes);
      this.console += text;
      // Answer ash's cursor-position query as a terminal would: unanswered, busybox's line editor
      // sleeps 20 ms after every Enter (the page's xterm answers it too).
      if (text.includes("\u001b[6n")) session.sendConsole(new TextEncoder().encode("\u001b[1;1R"));
      this.wake();
    });
    agent.onEvent((e) => {
      this.events.push(e);
      this.wake();
    });
    agent.onProblem((p) => this.problems.push(p));
    const splitter = new LineSplitter(
      (line) => this.controlLines.push(line),
      () => {},
    );
    session.onControl((bytes) => bytes.forEach((b) => splitter.push(b)));
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `test` returns a value, re-checking on every console byte batch and event. */
  waitFor<T>(what: string, test: () => T | undefined, timeoutMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = test();
        if (v === undefined) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(v);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const lines = this.controlLines.slice(-4).join("\n");
        const problems = this.problems.slice(-4).join("\n");
        reject(
          new Error(
            `timed out waiting for ${what}; console tail:\n${this.console.slice(-600)}\n` +
              `last control lines:\n${lines}\nproblems:\n${problems}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  waitForEvent<T extends GuestEvent["type"]>(
    type: T,
    match: (e: Extract<GuestEvent, { type: T }>) => boolean = () => true,
    from = 0,
    timeoutMs = 20_000,
  ): Promise<Extract<GuestEvent, { type: T }>> {
    return this.waitFor(
      `a ${type} event`,
      () =>
        this.events
          .slice(from)
          .find((e): e is Extract<GuestEvent, { type: T }> => e.type === type && match(e as never)),
      timeoutMs,
    );
  }

  /** Runs a shell command on the console; returns what it printed and its exit status. */
  async run(command: string, timeoutMs = 20_000): Promise<{ output: string; status: number }> {
    const n = ++markerSeq;
    const start = this.console.length;
    // The tty echoes the command line; quoting splits the marker there, so only real output matches.
    this.session.sendConsole(new TextEncoder().encode(`${command}; echo "@@"DONE${n}:$?@@\n`));
    const re = new RegExp(`@@DONE${n}:(\\d+)@@`);
    const m = await this.waitFor(
      `"${command}" to finish`,
      () => re.exec(this.console.slice(start)) ?? undefined,
      timeoutMs,
    );
    // Output starts after the echoed command line (anything before it is earlier output, e.g. a motd).
    // The line discipline may echo early input once more before the shell redraws it: take the last.
    const echoed = this.console.lastIndexOf(`"@@"DONE${n}:`, start + m.index);
    if (echoed < 0)
      throw new Error(`the shell did not echo "${command}"; console tail:\n${this.console.slice(-400)}`);
    const from = this.console.indexOf("\n", echoed) + 1;
    const output = this.console.slice(from, start + m.index).replace(/\r/g, "");
    return { output, status: Number(m[1]) };
  }

  /** Waits until the console ends with the shell's prompt (after a command that ended, the prompt
   * comes a moment later): keys sent before it are echoed by the line discipline and read by the
   * line editor afterwards, in pieces a note can fall between. */
  atPrompt(): Promise<true> {
    // "$ " for a uid-1000 shell, "# " for root's and a namespace shell's (PS1 ends in \$).
    const ready = () =>
      ["$ ", "# "].some((p) => [p, `${p}\u001b[6n`].some((end) => this.console.endsWith(end)));
    return this.waitFor("the shell's prompt", () => (ready() ? true : undefined));
  }

  /** Restarts the shell with an identity and waits until the new shell answers. */
  async applyIdentity(identity: Identity): Promise<ShellEvent> {
    const from = this.events.length;
    const reply = await this.agent.request({ type: "shell", identity }, 10_000);
    const event = await this.waitForEvent("identity", (e) => e.pid === Number(reply.pid), from);
    await this.run("true");
    return event;
  }

  async dispose(): Promise<void> {
    this.agent.dispose();
    await this.session.dispose();
  }
}

/** A shell's identity event, as applyIdentity returns it. */
export type ShellEvent = Extract<GuestEvent, { type: "identity" }>;

/** The card the page builds for a record, from the identity event of the shell it was made under. */
export function cardFor(record: ExeLinkRecord, era: Era, shell: ShellEvent): Attempt {
  const { pid, uid, gid, caps, userns, nsUid, nsGid } = shell;
  return toAttempt(1, 0, record, era, { pid, uid, gid, caps, userns, nsUid, nsGid }, record.caps);
}

/** Runs setexe in the terminal; returns its holder's pid and every record the kernel logged for it. */
export function attempt(
  g: TestGuest,
  args: string,
): Promise<{ pid: number; output: string; records: ExeLinkRecord[] }> {
  return attemptBy(g, `setexe ${args}`, /pid (\d+)/);
}

/**
 * Like attempt(), for a command line that starts setexe its own way (`runas … -- setexe …`): the
 * holder's pid from its output (`pidPattern`), then every record the kernel logged for it.
 */
export async function attemptBy(
  g: TestGuest,
  command: string,
  pidPattern = /holder: pid (\d+)/,
): Promise<{ pid: number; output: string; records: ExeLinkRecord[] }> {
  const from = g.events.length;
  const { output } = await g.run(command);
  const m = pidPattern.exec(output);
  if (!m) throw new Error(`no setexe holder pid in:\n${output}`);
  const pid = Number(m[1]);
  await g.waitForEvent("exe_link", (e) => e.record.pid === pid, from);
  // A reply follows every record the kernel logged before its request (agent.c): so once this one
  // is answered, a second record for the same attempt has arrived too, if there is one.
  await g.agent.request({ type: "ps" });
  const records = g.events
    .slice(from)
    .flatMap((e) => (e.type === "exe_link" && e.record.pid === pid ? [e.record] : []));
  return { pid, output, records };
}

/** Boots the committed guest: from its saved state unless `cold`, then waits for the agent. */
export async function bootTestGuest(
  options: { cold?: boolean; V86?: V86Constructor } = {},
): Promise<TestGuest> {
  const manifest = loadManifest();
  const state = manifest.files.state;
  const cold = options.cold || !state;
  const images = cold
    ? { bzimage: await readKernel(manifest), bios: readImage(manifest.files.bios.name) }
    : { state: readImage(state.name) };
  const session = new VmSession({
    V86: options.V86 ?? (V86 as unknown as V86Constructor),
    manifest,
    images,
    wasmPath: WASM_PATH,
    wasmModule: wasmModule(),
  });
  const agent = new AgentClient(session.controlTransport());
  const guest = new TestGuest(session, agent);
  if (cold) await guest.waitForEvent("ready", () => true, 0, 60_000);
  else await session.whenLoaded();
  await agent.request({ type: "hello" }, 10_000);
  await agent.request({ type: "clock", epoch: Date.now() / 1000 });
  // A wide terminal keeps ash from wrapping long command lines, which would split the markers.
  await agent.request({ type: "winsize", rows: 50, cols: 400 });
  return guest;
}

/**
 * The test file's own guest: booted before its tests and handed to `ready` (where the file keeps it
 * and does its own set-up), disposed of after them, even when `ready` failed.
 */
export function guestForFile(ready: (guest: TestGuest) => unknown): void {
  let guest: TestGuest | undefined;
  beforeAll(async () => {
    guest = await bootTestGuest();
    await ready(guest);
  });
  afterAll(async () => {
    await guest?.dispose();
  });
}

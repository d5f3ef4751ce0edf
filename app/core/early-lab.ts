// The lab's stand-in while the page's code loads: the saved screen, the restore and the first keys.
import type { IdentityState, Lab, LoadStatus, TerminalLab } from "./lab-types";
import type { StateFile } from "./manifest";
import { isPaste } from "./paste-interrupt";
import { Store, type Unsubscribe } from "./store";
import type { TypedLine } from "./typed-line";
import type { EarlyWorker } from "./worker-launcher";
import { parseFromWorker } from "./worker-messages";
import { wrapScreen } from "./word-wrap";

/** What the stand-in restores with: the worker the HTML started, and the state it is to restore. */
export interface EarlyRestore {
  early: EarlyWorker;
  state: StateFile;
  /** Absolute URL of the guest's files (the worker's start message carries it). */
  vmBase: string;
}

/** The console quiet this long after the restore: the guest has answered what was typed so far. */
export const EARLY_QUIET_MS = 100;

/**
 * The page's code (the lab, its protocol, the page around the terminal) is some 100 KB of script
 * whose loading and running took the machine's cores from the emulator's worker as it restored the
 * guest: a first command typed into the saved screen answered some 3% later than with only the
 * terminal there (A/B, docs/startup-performance.md). So until the restored guest has answered and
 * gone quiet, this stand-in does the little the lab would: it draws the saved screen, asks the
 * worker the HTML started to restore it, passes typed keys to it and the guest's console to the
 * terminal. Everything else is the lab's: the page's code is asked for (`wantLab`) as soon as
 * anything else happens (a failure, the agent's channel, a paste), and it takes over where this
 * left off.
 */
export class EarlyLab implements TerminalLab {
  readonly status: Store<LoadStatus>;
  readonly identity: Store<IdentityState>;
  private lab: Lab | undefined;
  private readonly listeners = new Map<(bytes: Uint8Array) => void, Unsubscribe | undefined>();
  /** Keys for the worker once its emulator exists, or for the lab if it comes first. */
  private queued: string[] = [];
  /** A paste came: it and every key after it wait for the lab. */
  private forLab = false;
  private started = false;
  private loaded = false;
  private quiet: ReturnType<typeof setTimeout> | undefined;
  private size: { rows: number; cols: number } | undefined;
  private typedLine: (() => TypedLine | undefined) | undefined;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly restore: EarlyRestore | undefined,
    identity: IdentityState,
    private readonly wantLab: () => void,
  ) {
    this.status = new Store<LoadStatus>({ phase: "idle", detail: "Not started", coldBoot: false });
    this.identity = new Store(identity);
  }

  /**
   * Draws the saved screen at the terminal's size (told by now) and asks the worker to restore it.
   * From here until the hand-over, the worker's console is this stand-in's to draw.
   */
  begin(): void {
    const r = this.restore;
    if (!r || this.lab) return;
    const { early } = r;
    early.worker.onmessage = (event) => this.heard(event.data, early);
    const onerror = early.worker.onerror;
    early.worker.onerror = (event) => {
      onerror?.call(early.worker, event);
      this.wantLab();
    };
    // Whatever the worker said before this (a failure) is the lab's to read.
    if (early.messages.length > 0) this.wantLab();
    // As the lab's restore would write it (guest-boot.ts): rewrapped from its 80 columns.
    this.emit(this.encoder.encode(wrapScreen(r.state.console, this.size?.cols ?? 0)));
    this.status.set({ phase: "downloading", detail: "Starting", coldBoot: false, live: true });
    early.worker.postMessage({ type: "start", mode: "restore", vmBase: r.vmBase });
    early.started = true;
  }

  private heard(data: unknown, early: EarlyWorker): void {
    const m = parseFromWorker(data);
    if (m?.type === "console") {
      this.emit(m.bytes);
      if (this.loaded) this.armQuiet();
      return;
    }
    early.messages.push(data);
    if (m?.type === "started") {
      this.started = true;
      if (!this.forLab) for (const text of this.queued.splice(0)) this.toWorker(text);
    } else if (m?.type === "loaded") {
      this.loaded = true;
      this.armQuiet();
    } else if (m?.type !== "progress") this.wantLab();
  }

  private armQuiet(): void {
    clearTimeout(this.quiet);
    this.quiet = setTimeout(() => this.wantLab(), EARLY_QUIET_MS);
  }

  private emit(bytes: Uint8Array): void {
    for (const listener of [...this.listeners.keys()]) listener(bytes);
  }

  private toWorker(text: string): void {
    const bytes = this.encoder.encode(text);
    this.restore?.early.worker.postMessage({ type: "console", bytes }, [bytes.buffer]);
  }

  /**
   * The lab takes over: the worker's messages from here on wait for it (it reads them when its
   * first start takes the worker), and everything given to the stand-in goes on to it.
   */
  handOver(lab: Lab): void {
    if (this.lab) return;
    this.lab = lab;
    clearTimeout(this.quiet);
    const early = this.restore?.early;
    if (early) early.worker.onmessage = (event) => early.messages.push(event.data);
    for (const listener of this.listeners.keys())
      this.listeners.set(listener, lab.onTerminalOutput(listener));
    if (this.size) lab.resizeTerminal(this.size.rows, this.size.cols);
    if (this.typedLine) lab.setTypedLineSource(this.typedLine);
    // A lab starting as the stand-in left off (its first start's first steps: not started, then
    // starting before its saved screen) would say for a moment that no shell reads keys: its own
    // news is told from the first that is not one of those.
    let caughtUp = !this.restore;
    const follow = (s: LoadStatus) => {
      caughtUp ||= !(s.phase === "idle" || (s.phase === "downloading" && !s.live));
      if (caughtUp) this.status.set(s);
    };
    follow(lab.status.get());
    lab.status.subscribe(follow);
    this.identity.set(lab.identity.get());
    lab.identity.subscribe((s) => this.identity.set(s));
    for (const text of this.queued.splice(0)) lab.sendTerminalInput(text);
  }

  onTerminalOutput(listener: (bytes: Uint8Array) => void): Unsubscribe {
    this.listeners.set(listener, this.lab?.onTerminalOutput(listener));
    return () => {
      this.listeners.get(listener)?.();
      this.listeners.delete(listener);
    };
  }

  sendTerminalInput(text: string): void {
    if (this.lab) return this.lab.sendTerminalInput(text);
    // A paste is the lab's (a Ctrl+C after it may need the agent): kept for it, and asked for.
    if (!this.restore || isPaste(text)) {
      this.forLab = true;
      this.wantLab();
    }
    if (this.started && !this.forLab) this.toWorker(text);
    else this.queued.push(text);
  }

  resizeTerminal(rows: number, cols: number): void {
    this.size = { rows, cols };
    this.lab?.resizeTerminal(rows, cols);
  }

  setTypedLineSource(source: () => TypedLine | undefined): Unsubscribe {
    this.typedLine = source;
    const off = this.lab?.setTypedLineSource(source);
    return () => {
      if (this.typedLine === source) this.typedLine = undefined;
      off?.();
    };
  }
}

// The contract between the framework-free lab (app/core/lab.ts) and the React UI: stores and actions.
import type { Era, ExeLinkRecord, Identity, ProcEntry } from "./protocol";
import type { ReadableStore, Unsubscribe } from "./store";
import type { Prediction, Subject } from "./permission-model";
import type { TypedLine } from "./typed-line";

/** LoadStatus.detail of a guest that ran, then stopped answering (not one that failed to start). */
export const DETAIL_STOPPED = "Stopped";

export type LoadPhase = "idle" | "downloading" | "restoring" | "booting" | "ready" | "error";

export interface LoadStatus {
  phase: LoadPhase;
  /** Human-readable step, e.g. "Downloading saved state (1.2 of 1.9 MB)". */
  detail: string;
  /** 0..1 when known. */
  progress?: number;
  /** Set when phase is "error": what failed, in plain words. */
  error?: string;
  /** True when the guest was cold-booted (no saved state, or it could not be restored). */
  coldBoot: boolean;
  /** Why the saved state was not used, when it was not. */
  fallbackReason?: string;
  /**
   * The shell on screen already reads what is typed: set as soon as a restored guest's console is
   * open, before the rest of start-up (clock, era, terminal size) is done; always set when ready.
   */
  live?: boolean;
  /**
   * Ready, but the agent has not answered for a while although the kernel runs: the learner's
   * programs have the CPU. The guest is kept; the page says so until the agent answers again.
   */
  busy?: boolean;
}

/** The running shell as the agent reads it: uid and gid as the initial namespace sees them. */
export interface ShellIdentity {
  pid: number;
  uid: number;
  gid: number;
  caps: string[];
  userns: boolean;
  /**
   * Its ids inside its own namespace. Left out where only the page's own shells are meant (tests):
   * then as runas makes them, 0 in a namespace (like `unshare -r`), else uid and gid.
   */
  nsUid?: number;
  nsGid?: number;
}

export interface IdentityState {
  /** What the page asked for most recently. */
  requested: Identity;
  /** What the guest reported for the running shell (from the agent's identity event). */
  actual?: ShellIdentity;
  applying: boolean;
  error?: string;
  /**
   * The request failed in a way the guest may still carry out: it timed out (a busy guest), or the
   * agent found no process to spare and tries again each second (EAGAIN).
   */
  errorPending?: boolean;
  /** The shell keeps dying as it starts (the agent's shell_failing): until one runs again. */
  failing?: { deaths: number; status: number; retry: number };
}

export interface EraState {
  current: Era;
  switching: boolean;
  /** While switching: the era asked for. */
  to?: Era;
  error?: string;
}

export interface ProcView extends ProcEntry {
  /** The previous exe link when it changed while the process was alive. */
  previousExe?: string;
  /** Milliseconds timestamp of the last change, for highlighting. */
  changedAt?: number;
}

export interface Attempt {
  /** Numbered from 1 since the page loaded: the count of attempts so far, and a React key. */
  seq: number;
  at: number;
  /** What the kernel said: always what is shown as the result. */
  record: ExeLinkRecord;
  /** What the permission model predicted for the identity of the process that tried. */
  prediction?: Prediction;
  /** False when the model's errno differs from the kernel's (both are then shown). */
  agrees?: boolean;
  /**
   * The process that tried had other ids or another user namespace than the shell: predicted from
   * the record's own ids and capabilities when the agent added them all, else nothing predicted.
   */
  otherIdentity?: boolean;
  /** With otherIdentity: the terminal's shell's identity then, from which the next step is said. */
  shell?: Subject;
  /** The process had changed its exe link before (seen by the page): a second change, or later. */
  again?: boolean;
  /** Made in a guest since replaced (a reboot, Start over): its processes are gone, its pids reused. */
  earlierGuest?: boolean;
  /** The terminal's shell as the guest reported it when the record came: Apply may change it since. */
  shellThen?: ShellIdentity;
}

export interface Lab {
  status: ReadableStore<LoadStatus>;
  identity: ReadableStore<IdentityState>;
  era: ReadableStore<EraState>;
  procs: ReadableStore<ProcView[]>;
  /** Processes the guest left out of `procs` (its report to the page has room for about a hundred). */
  procsLeftOut: ReadableStore<number>;
  attempts: ReadableStore<Attempt[]>;
  /** Protocol problems (garbage lines, timeouts) in plain words, newest last. */
  problems: ReadableStore<string[]>;
  /** The guest's CPU stands still while the lab is out of sight (setAway); it runs on when used. */
  paused: ReadableStore<boolean>;

  start(): Promise<void>;
  retry(): Promise<void>;
  applyIdentity(identity: Identity): Promise<void>;
  /**
   * What runs under the terminal's shell, as the guest last reported it (it reports changes within
   * about two seconds): the programs an applied identity would end with the shell it replaces.
   */
  terminalJobs(): ProcEntry[];
  /**
   * Whether the running guest holds files the learner wrote (new files, directories, files grown;
   * the guest reports a change within about a second): leaving the page would lose them.
   */
  hasLearnerFiles(): boolean;
  setEra(era: Era): Promise<void>;
  /** Terminal plumbing: bytes the guest wrote to its console (serial0). */
  onTerminalOutput(listener: (bytes: Uint8Array) => void): Unsubscribe;
  /** Text typed or pasted by the user; encoded as UTF-8 for the guest. */
  sendTerminalInput(text: string): void;
  resizeTerminal(rows: number, cols: number): void;
  /**
   * Where the lab reads the line typed at the prompt but not yet entered (the terminal knows it): a
   * shell replaced by Apply identity leaves it to the new one, typed again, so no typing is lost;
   * the era's note in the terminal makes room for the line editor to draw it again under the note.
   */
  setTypedLineSource(source: () => TypedLine | undefined): Unsubscribe;
  /**
   * Nobody can see the lab (true: scrolled out of view, its tab hidden) or they can again: a ready
   * guest pauses after a short grace, and runs on when back (see guest-pause.ts).
   */
  setAway(away: boolean): void;
  /**
   * The guest stands still until the returned function is called, at most `maxMs`, or until the lab
   * is used (see AwayPause.holdBriefly); undefined if nothing is held. A flooding guest would slow
   * the page's first layout tenfold.
   */
  holdBriefly(maxMs: number): (() => void) | undefined;
  dispose(): void;
}

/** What the terminal uses of the lab (app/ui/terminal-host.ts): the lab, or its stand-in (early-lab.ts). */
export type TerminalLab = Pick<
  Lab,
  "status" | "identity" | "onTerminalOutput" | "sendTerminalInput" | "resizeTerminal" | "setTypedLineSource"
>;

// How a lab is made: its guest's files and emulator, what the page's link asks for, and its timings.
import type { Heartbeat } from "./heartbeat";
import type { BootLimits } from "./lab-boot";
import type { Manifest } from "./manifest";
import type { Era, Identity } from "./protocol";
import type { SessionLauncher } from "./session-launcher";

export interface LabOptions extends BootLimits {
  manifest: Manifest;
  /** Where the emulator runs: this thread (tests) or a worker (the page). */
  launcher: SessionLauncher;
  coldBoot?: boolean;
  era?: Era;
  identity?: Identity;
  now?: () => number;
  /** How often the agent is asked whether it is alive, and how much silence means it is not. */
  heartbeat?: Heartbeat;
  /** The longest keys wait for a restarted shell's prompt (shell-prompt.ts) before they go anyway. */
  promptTimeoutMs?: number;
  /** A command for the first prompt's line, not run (the link's cmd=): see lab.ts's start(). */
  command?: string;
  /**
   * The first start's saved screen is on the terminal already, and its worker asked to start: the
   * lab's stand-in (early-lab.ts) did both while the page's code loaded.
   */
  firstScreenShown?: boolean;
}

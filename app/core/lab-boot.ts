// How the lab boots its guest: the boot's progress shown in the lab's status, typed keys kept for the right shell.
import type { ConsoleInput } from "./console-input";
import { bootGuest, type BootedGuest, type BootOptions } from "./guest-boot";
import { DEFAULT_IDENTITY, sameIdentity } from "./identity";
import type { LoadStatus } from "./lab-types";
import type { Era, Identity } from "./protocol";
import type { Store } from "./store";

/** The boot's time limits (guest-boot.ts): past them a restore falls back to a cold boot, or fails. */
export type BootLimits = Pick<BootOptions, "helloTimeoutMs" | "loadTimeoutMs" | "stallTimeoutMs">;

/** What the lab was given to boot from (its options). */
export type LabBootSource = BootLimits & Pick<BootOptions, "manifest" | "launcher">;

export interface LabBootContext extends Pick<
  BootOptions,
  "coldBoot" | "onConsole" | "terminalCols" | "savedScreenShown"
> {
  status: Store<LoadStatus>;
  input: ConsoleInput;
  /** The identity and era the page asks of the guest's shell. */
  identity: Identity;
  era: Era;
}

export function bootLabGuest(source: LabBootSource, ctx: LabBootContext): Promise<BootedGuest> {
  const { status, input } = ctx;
  // Keys go to the saved shell at once only if it already runs as the page asks: with another
  // identity syncGuest restarts it (keys would go to a shell about to be killed), and with another
  // era the first command would run under the saved era's rules. Else they wait for sync.
  const savedShellWanted =
    sameIdentity(ctx.identity, DEFAULT_IDENTITY) && ctx.era === source.manifest.files.state?.era;
  return bootGuest({
    manifest: source.manifest,
    launcher: source.launcher,
    coldBoot: ctx.coldBoot,
    helloTimeoutMs: source.helloTimeoutMs,
    loadTimeoutMs: source.loadTimeoutMs,
    stallTimeoutMs: source.stallTimeoutMs,
    onProgress: (phase, detail, progress) => {
      // A cold boot (also the fallback after a failed restore) shows its own shell, when ready.
      if (phase === "booting") input.reclaim();
      status.update((st) => ({
        ...st,
        phase,
        detail,
        progress,
        coldBoot: phase === "booting",
        live: phase === "booting" ? false : st.live,
      }));
    },
    onConsole: ctx.onConsole,
    terminalCols: ctx.terminalCols,
    savedScreenShown: ctx.savedScreenShown,
    // Typing may start on the saved screen: keys are kept until a shell of the link's identity
    // and era reads them (this one, or the one syncGuest starts after its prompt).
    onSavedScreen: () => status.update((st) => ({ ...st, live: true })),
    onRestoring: (session) => {
      if (savedShellWanted) input.open(session);
    },
  });
}

// Notes over the card's answer when the page has moved on since it: another era's rules, another shell.
import type { ShellIdentity } from "../core/lab-types";
import { sameShell } from "../core/identity";
import { describeActual } from "../core/identity-words";
import { useServices } from "./app-context";
import { useStore } from "./use-store";

const NOTE = "mt-2 rounded-md border-2 border-amber-600 p-2 text-sm dark:border-amber-400";

/**
 * The era was switched since this answer: its big result is the old rules' (a 2014 "OK" beside a
 * header that now says 2017 reads as 2017's answer), so the card says so, above it.
 */
export function EarlierRules({ era }: { era: number }) {
  const now = useRulesChanged(era);
  if (now === undefined) return null;
  return (
    <p className={NOTE} data-testid="earlier-rules">
      This answer was under the <strong>{era}</strong> rules; the kernel now follows the{" "}
      <strong>{now}</strong> rules. Try again to see its answer.
    </p>
  );
}

/** The era the kernel follows now, when it is another than `era` (and no switch is under way). */
export function useRulesChanged(era: number): number | undefined {
  const { lab } = useServices();
  const running = useStore(lab.era);
  return running.switching || running.current === era ? undefined : running.current;
}

/** The shell as the guest reports it now, when that is another identity than `then`'s; else undefined. */
export function useShellChanged(then: ShellIdentity | undefined): ShellIdentity | undefined {
  const { lab } = useServices();
  const now = useStore(lab.identity).actual;
  return then && now && !sameShell(then, now) ? now : undefined;
}

/**
 * The shell's identity changed since this answer (Apply, `exec runas …`): its "You are uid 1000 …
 * switch it on and Apply" beside the panel's new "Now" line read as the page contradicting itself.
 * A fresh shell of the same identity (`exit`) changes nothing here.
 */
export function EarlierShell({ then, era }: { then: ShellIdentity | undefined; era: number }) {
  const now = useShellChanged(then);
  // Under the era's note, which already asks for another try: said once.
  const rulesToo = useRulesChanged(era) !== undefined;
  if (!then || !now) return null;
  return (
    <p className={NOTE} data-testid="earlier-shell">
      This answer was for the shell as it was then: {describeActual(then)}. The shell is now{" "}
      <strong>{describeActual(now)}</strong>.{!rulesToo && " Try again to see its answer."}
    </p>
  );
}

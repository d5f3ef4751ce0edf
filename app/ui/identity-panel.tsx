// Who the terminal's shell is: uid, user namespace and three capabilities, applied by restarting the shell.
import { useEffect, useId, useRef, useState } from "react";
import { TOGGLE_CAPS, type Identity, type ProcEntry, type ToggleCap } from "../core/protocol";
import { isAskedShell, sameIdentity, subjectFromActual } from "../core/identity";
import { anyStillRuns, askBeforeApply, shellProcess } from "../core/shell-jobs";
import { CapabilitySwitches } from "./capability-switches";
import { NestedShellNote } from "./nested-shell-note";
import { ApplyStatus } from "./apply-status";
import { ApplyWarning } from "./apply-warning";
import { IdentityPrediction } from "./identity-prediction";
import { describeActual } from "../core/identity-words";
import { useServices } from "./app-context";
import { busyProps, focusTerminalIfStill, IDENTITY_PANEL_ID, keyboardIsOurs } from "./busy-focus";
import { startedByTouch } from "./keys-home";
import { useStore } from "./use-store";

export function IdentityPanel({ ready }: { ready: boolean }) {
  const { lab } = useServices();
  const status = useStore(lab.status);
  const stopped = status.phase === "error";
  const state = useStore(lab.identity);
  const era = useStore(lab.era).current;
  const [draft, setDraft] = useState<Identity>(state.requested);
  const [baseline, setBaseline] = useState(state.requested);
  /**
   * The namespace's every capability came with it (the switch, or a link's `userns=1`) and nothing
   * changed them since: switched off again, none it is again.
   */
  const namespaceGave = (i: Identity) => i.userns && i.caps === "all";
  const [allForNamespace, setAllForNamespace] = useState(() => namespaceGave(state.requested));
  // When the lab's request changes (an apply, or the URL's identity at start), the form follows it.
  if (baseline !== state.requested) {
    setBaseline(state.requested);
    setDraft(state.requested);
    setAllForNamespace(namespaceGave(state.requested));
  }
  const id = useId();
  const procs = useStore(lab.procs);

  const toggle = (cap: ToggleCap, on: boolean) => {
    setDraft((d) => {
      const current = d.caps === "all" ? [...TOGGLE_CAPS] : [...d.caps];
      const caps = on ? [...new Set([...current, cap])] : current.filter((c) => c !== cap);
      return { ...d, caps: TOGGLE_CAPS.filter((c) => caps.includes(c)) };
    });
  };

  /**
   * Programs in the terminal that applying would end: asked about first (see ApplyWarning).
   * `unknown`: the guest was too busy to report them when Apply was pressed, kept as it was then (the
   * warning's words must not change under the visitor, nor name no program as the one that "runs").
   */
  const [endangered, setEndangered] = useState<{
    jobs: ProcEntry[];
    shell: number | undefined;
    unknown: boolean;
  }>();
  const applyButton = useRef<HTMLButtonElement>(null);
  // A warning about another shell's programs (the guest restarted, or the shell was replaced) is void.
  const shellPid = state.actual?.pid;
  const shellChanged =
    state.actual !== undefined &&
    sameIdentity(draft, state.requested) &&
    !isAskedShell(state.requested, state.actual);
  // The programs it named have ended (Ctrl+C in the terminal, or they finished): nothing left to lose.
  const warnedEnded =
    endangered !== undefined &&
    !endangered.unknown &&
    shellPid !== undefined &&
    !anyStillRuns(procs, shellPid, endangered.jobs);
  const warning = ready && endangered?.shell === shellPid && !warnedEnded ? endangered : undefined;
  useEffect(() => {
    // Its buttons had the keyboard, and went with it: to Apply, which may now be pressed again.
    if (warnedEnded && document.activeElement === document.body && keyboardIsOurs())
      applyButton.current?.focus();
  }, [warnedEnded]);
  // The draft Apply last found already in force, and the shell it found: said so instead of a new
  // shell, until either changes.
  const [inForce, setInForce] = useState<{ draft: Identity; shell: number }>();
  // The shell a finger's Apply made (see ApplyStatus's appliedByTouch).
  const [touchApplied, setTouchApplied] = useState<number>();
  const runs = shellPid === undefined ? "unknown" : shellProcess(procs, shellPid);
  const unchanged =
    state.actual !== undefined &&
    sameIdentity(draft, state.requested) &&
    isAskedShell(state.requested, state.actual) &&
    runs === "shell" &&
    !state.error &&
    !state.failing;

  const apply = (anyway = false) => {
    if (!ready || state.applying) return;
    // Where the keyboard is now (the warning's "Apply anyway", gone once pressed, or Apply), and where
    // it goes back to if the apply fails: the Apply button, for the warning's.
    const trigger = document.activeElement;
    const back = anyway ? applyButton.current : trigger;
    const byTouch = startedByTouch();
    setTouchApplied(undefined);
    setEndangered(undefined);
    // A new shell for nothing would cost the shell's variables, directory and history, and fill a
    // speaker's screen with its banner. Nothing changes, and the keyboard stays, beside the words that
    // say so (the terminal's focus would scroll them away at a speaker's font size).
    if (unchanged && shellPid !== undefined) return setInForce({ draft, shell: shellPid });
    setInForce(undefined);
    // vi with unsaved text, a long build: a new shell ends them, so the visitor decides first.
    const jobs = anyway ? [] : lab.terminalJobs();
    const unknown = status.busy === true;
    if (!anyway && askBeforeApply(jobs, unknown)) return setEndangered({ jobs, shell: shellPid, unknown });
    // Errors land in the identity store and are shown below; the promise needs no handler of its own.
    const applying = lab.applyIdentity(draft).catch(() => undefined);
    // The terminal takes the keyboard at once, not when the new shell is up: keys typed meanwhile are
    // held for its prompt (the lab holds them from this call on), none land on this button.
    focusTerminalIfStill(trigger);
    void applying.then(() => {
      // A failed apply brings the keyboard back to where its message is.
      if (lab.identity.get().error && back instanceof HTMLElement && keyboardIsOurs()) back.focus();
      else if (byTouch) setTouchApplied(lab.identity.get().actual?.pid);
    });
  };

  return (
    <section id={IDENTITY_PANEL_ID} aria-labelledby={`${id}-h`} className="panel">
      <h2 id={`${id}-h`} className="panel-title">
        Identity of the shell
      </h2>
      <p className="mt-1 text-base" aria-live="polite">
        <span className="text-slate-600 dark:text-slate-400">Now: </span>
        <strong data-testid="identity-actual">
          {/* Not the last guest's shell while the next is set up (after a reboot it would show the
              saved state's shell for a moment, then the page's). */}
          {ready && state.actual
            ? describeActual(state.actual)
            : stopped
              ? "no shell: the guest is not running"
              : "waiting for the guest…"}
        </strong>
        {/* A space, not the margin alone: a screen reader read "no capabilitiesapplying…". */}
        {state.applying && <span className="ml-2 italic"> applying…</span>}
      </p>
      <NestedShellNote />
      {state.error && (
        <p role="alert" className="mt-1 text-red-700 dark:text-red-300">
          Could not apply: {state.error}
        </p>
      )}

      <form
        className="mt-3 space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
        // Enter on a switch or a radio would submit the form (the browser's implicit submission) and
        // restart the shell; people pressing it there mean to flip that control, which it now does.
        onKeyDown={(event) => {
          const target = event.target;
          if (event.key !== "Enter" || !(target instanceof HTMLInputElement)) return;
          if (target.type !== "checkbox" && target.type !== "radio") return;
          event.preventDefault();
          target.click();
        }}
      >
        <fieldset className="flex flex-wrap gap-x-6 gap-y-1">
          <legend className="mb-1 font-semibold">User</legend>
          {([0, 1000] as const).map((uid) => (
            <label key={uid} className="flex items-center gap-2">
              <input
                type="radio"
                data-control={uid === 0 ? "root" : undefined}
                name={`${id}-uid`}
                className="size-5 accent-sky-700"
                checked={draft.uid === uid}
                aria-describedby={uid === 0 ? `${id}-root` : undefined}
                onChange={() => setDraft((d) => ({ ...d, uid }))}
              />
              {uid === 0 ? "root (uid 0)" : "uid 1000"}
            </label>
          ))}
          {/* Root here is only uid 0, as the kernel sees it: learners expect more, so say it where they choose. */}
          <p id={`${id}-root`} className="basis-full text-sm text-slate-600 dark:text-slate-400">
            Root means uid 0 only: its capabilities are chosen below. Whether a check asks for uid 0 or for a
            capability depends on the era (the prediction below says, for the rules now running).
          </p>
        </fieldset>

        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            data-control="userns"
            className="mt-1 size-5 shrink-0 accent-sky-700"
            checked={draft.userns}
            // Named by its short label alone; the explanation under it is its description.
            aria-labelledby={`${id}-ns-name`}
            aria-describedby={`${id}-ns`}
            onChange={(event) => {
              const userns = event.target.checked;
              // Like `unshare -r`: a namespace you make gives you every capability in it. Switched on
              // with none chosen, it starts there (the switches can then take them away one by one);
              // switched off again with those untouched, none it is again.
              const auto = userns ? draft.caps.length === 0 : allForNamespace && draft.caps === "all";
              setAllForNamespace(userns && auto);
              setDraft({ ...draft, userns, caps: auto ? (userns ? "all" : []) : draft.caps });
            }}
          />
          <span>
            <span id={`${id}-ns-name`}>new user namespace</span>
            <span id={`${id}-ns`} className="block text-sm text-slate-600 dark:text-slate-400">
              The shell becomes root (uid 0) of its own namespace, keeping the uid above outside it. The
              switches below then mean capabilities held <em>inside</em> it: a namespace you create holds them
              all, as <code>unshare -r</code> gives, so ticking this (with none chosen) switches them all on,
              and you may switch some off. Checks made in the initial namespace still fail.
            </span>
          </span>
        </label>

        <CapabilitySwitches
          draft={draft}
          onToggle={toggle}
          onAll={() => {
            setAllForNamespace(false);
            setDraft((d) => ({ ...d, caps: "all" }));
          }}
          onNone={() => setDraft((d) => ({ ...d, caps: [] }))}
        />

        <button
          ref={applyButton}
          type="submit"
          data-control="apply"
          className="btn-primary"
          disabled={!ready}
          {...busyProps(state.applying)}
        >
          Apply identity
        </button>
        {!ready && (
          <span className="ml-3 text-sm text-slate-600 dark:text-slate-400">once the guest is up</span>
        )}
        <ApplyStatus
          notApplied={ready && !state.applying && !sameIdentity(draft, state.requested)}
          nothingToApply={ready && unchanged && inForce?.draft === draft && inForce.shell === shellPid}
          shellChanged={ready && !state.applying && !state.error && !state.failing && shellChanged}
          notAShell={ready && !state.applying && runs === "another"}
          appliedByTouch={
            ready &&
            !state.applying &&
            touchApplied !== undefined &&
            touchApplied === shellPid &&
            sameIdentity(draft, state.requested)
          }
        />
        {warning && (
          <ApplyWarning
            jobs={warning.jobs}
            unknown={warning.unknown}
            onApply={() => apply(true)}
            onKeep={() => {
              setEndangered(undefined);
              // Not to <body> with the button that goes: back to where the visitor was.
              applyButton.current?.focus();
            }}
          />
        )}
        <IdentityPrediction
          identity={draft}
          era={era}
          notApplied={!sameIdentity(draft, state.requested)}
          shell={shellChanged && state.actual ? subjectFromActual(state.actual) : undefined}
        />
      </form>
    </section>
  );
}

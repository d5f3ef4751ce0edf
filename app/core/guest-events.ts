// How the guest agent's events land in the lab's stores: attempts, the process list, the identity.
import { eraOfRecord } from "./era-follow";
import { isAskedShell } from "./identity";
import type { Attempt, IdentityState, ProcView } from "./lab-types";
import { mergeProcs, toAttempt, type ExeChange } from "./observations";
import type { GuestEvent } from "./protocol";
import type { Store } from "./store";
import { visibleText } from "./visible-text";

/** Cards kept: older attempts scroll out of the page's memory as they do out of view. */
const MAX_ATTEMPTS = 50;

export interface EventStores {
  attempts: Store<Attempt[]>;
  procs: Store<ProcView[]>;
  procsLeftOut: Store<number>;
  identity: Store<IdentityState>;
  /** Files the learner wrote exist in the guest (its agent counts its file systems). */
  learnerFiles: Store<boolean>;
}

export interface EventContext {
  now: () => number;
  /** The kernel reported its era (an attempt's record, or a write by hand): the page may follow. */
  followKernel: (era: number) => void;
}

/**
 * Names and paths from the guest are shown as text, in the panels and the card: hidden characters
 * in them (a file named "\u202edhss" reads "sshd") are written out (visible-text.ts).
 */
function visibleNames(e: GuestEvent): GuestEvent {
  if (e.type === "exe_link") {
    const { comm, old, new: next } = e.record;
    return {
      ...e,
      record: { ...e.record, comm: visibleText(comm), old: visibleText(old), new: visibleText(next) },
    };
  }
  if (e.type === "procs")
    return { ...e, list: e.list.map((p) => ({ ...p, comm: visibleText(p.comm), exe: visibleText(p.exe) })) };
  return e;
}

/** A listener for the agent's events, and what it forgets of the last guest when a fresh one starts. */
export type EventSink = ((e: GuestEvent) => void) & { forgetGuest(): void };

/** A listener for the agent's events that keeps `stores` up to date. */
export function guestEventSink(stores: EventStores, { now, followKernel }: EventContext): EventSink {
  const { attempts, procs, procsLeftOut, identity, learnerFiles } = stores;
  const exeChanges = new Map<number, ExeChange>();
  let seq = 0;
  const sink = (event: GuestEvent) => {
    const e = visibleNames(event);
    switch (e.type) {
      case "exe_link": {
        // Before this record's own change is noted: had the process changed its link already?
        const again = exeChanges.has(e.record.pid);
        if (e.record.result === "0") {
          exeChanges.set(e.record.pid, { old: e.record.old, new: e.record.new, at: now() });
          procs.set(mergeProcs(procs.get(), procs.get(), now(), exeChanges));
        }
        const shellThen = identity.get().actual;
        const attempt = toAttempt(
          ++seq,
          now(),
          e.record,
          // The era the kernel says it applied, not the one the page last asked for.
          eraOfRecord(e.record.era),
          shellThen,
          e.record.caps,
        );
        const noted = { ...attempt, ...(again ? { again } : {}), ...(shellThen ? { shellThen } : {}) };
        attempts.update((list) => [...list, noted].slice(-MAX_ATTEMPTS));
        followKernel(e.record.era);
        break;
      }
      case "procs":
        procs.set(mergeProcs(procs.get(), e.list, now(), exeChanges));
        procsLeftOut.set(e.more);
        // Forget changes of processes that are gone (pids are reused); with some left out of the
        // list, one missing from it may still run.
        if (e.more === 0)
          for (const pid of exeChanges.keys()) if (!e.list.some((p) => p.pid === pid)) exeChanges.delete(pid);
        break;
      case "identity": {
        const { pid, uid, gid, caps, userns, nsUid, nsGid } = e;
        const actual = { pid, uid, gid, caps, userns, nsUid, nsGid };
        // The agent repeats it on every hello (the heartbeat): only a change is news for the panels.
        const before = identity.get();
        // A request that timed out in a busy guest, or that the agent retries (no process to spare),
        // may still be carried out: a new shell as asked takes back the "could not apply" (the era
        // store heals likewise, from the heartbeat).
        const heals =
          before.errorPending === true &&
          !before.applying &&
          before.actual?.pid !== actual.pid &&
          isAskedShell(before.requested, actual);
        // A shell that got as far as its own program runs: whatever kept failing is over.
        if (JSON.stringify(actual) !== JSON.stringify(before.actual) || before.failing || heals)
          identity.update((s) => ({
            ...s,
            actual,
            failing: undefined,
            error: heals ? undefined : s.error,
            errorPending: heals ? undefined : s.errorPending,
          }));
        break;
      }
      case "era":
        followKernel(e.era);
        break;
      case "shell_failing":
        identity.update((s) => ({ ...s, failing: { deaths: e.deaths, status: e.status, retry: e.retry } }));
        break;
      case "files":
        learnerFiles.set(e.written);
        break;
      case "ready":
      case "garbage":
        break;
    }
  };
  // A fresh guest's processes reuse the last one's pids: none of them has changed its link yet, and
  // the attempts so far name processes of a guest that is gone.
  const forgetGuest = () => {
    exeChanges.clear();
    if (attempts.get().some((a) => !a.earlierGuest))
      attempts.update((list) => list.map((a) => ({ ...a, earlierGuest: true })));
  };
  return Object.assign(sink, { forgetGuest });
}

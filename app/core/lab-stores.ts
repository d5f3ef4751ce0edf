// The lab's stores: what the page shows of the guest, and what a fresh guest starts without.
import { DEFAULT_IDENTITY } from "./identity";
import type { Attempt, IdentityState, LoadStatus, ProcView } from "./lab-types";
import type { Identity } from "./protocol";
import { Store } from "./store";

const MAX_PROBLEMS = 20;

export function createLabStores(requested: Identity | undefined) {
  const stores = {
    status: new Store<LoadStatus>({ phase: "idle", detail: "Not started", coldBoot: false }),
    identity: new Store<IdentityState>({ requested: requested ?? DEFAULT_IDENTITY, applying: false }),
    procs: new Store<ProcView[]>([]),
    procsLeftOut: new Store(0),
    learnerFiles: new Store(false),
    attempts: new Store<Attempt[]>([]),
    problems: new Store<string[]>([]),
  };
  return {
    ...stores,
    /** A protocol problem in plain words; the newest MAX_PROBLEMS are kept. */
    report: (p: string) => stores.problems.update((list) => [...list, p].slice(-MAX_PROBLEMS)),
    /**
     * What the last guest said of its shell, processes and files, and what went wrong with it, is
     * not the next one's. The attempts stay: they are the page's record of the session.
     */
    forgetGuest: () => {
      stores.identity.update((s) => ({
        ...s,
        failing: undefined,
        error: undefined,
        errorPending: undefined,
      }));
      stores.procs.set([]);
      stores.procsLeftOut.set(0);
      stores.learnerFiles.set(false);
      stores.problems.set([]);
    },
  };
}

// What would pass a refused permission check: the identities, and the commands, a learner can try next.
import type { RuleTest } from "./check-names";

/**
 * A refusal's next step, per test: the page's switches (Apply restarts the shell with them) and, for
 * the MAP checks, the one that needs no privilege at all, a user namespace of your own (the facts'
 * headline: an unprivileged user passes MAP there; EXE_FILE stays root's). `file` is the file the
 * refused attempt named, for a command that can be run as written.
 */
export function wouldPass(test: RuleTest, file: string): string {
  const inOwnNs = `or tick "new user namespace" (there you are uid 0, holding every capability) and Apply; runas --userns -- setexe ${file} tries that from this shell`;
  switch (test) {
    case "initial_cap_sys_resource":
      return "CAP_SYS_RESOURCE in the initial user namespace: switch it on, with no new user namespace, and Apply. No namespace of your own can give it; PR_SET_MM_MAP (setexe without --via file) asks for something else.";
    case "never":
      return "nothing, in these rules: choose the 2014 rules or later in the timeline.";
    case "ns_root_ids":
      return `a real uid and gid of 0 in your own user namespace: choose root and Apply, ${inOwnNs}.`;
    case "ns_cap_sys_admin":
      return `CAP_SYS_ADMIN in your own user namespace: switch it on and Apply, ${inOwnNs}.`;
    case "ns_checkpoint_restore":
      return `CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in your own user namespace: switch one on and Apply, ${inOwnNs}.`;
  }
}

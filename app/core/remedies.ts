// What would pass a refused permission check: the identities, and the commands, a learner can try next.
import type { RuleTest } from "./check-names";
import type { ExeLinkRecord } from "./protocol";

/**
 * A refusal's next step, per test and caller: the page's switches (Apply restarts the shell with
 * them) and, for the MAP checks, a user namespace of one's own (the facts' headline: an unprivileged
 * user passes MAP there; EXE_FILE stays root's). The command to make one from the shell is offered
 * only to a caller whose uid is not 0: mapping uid 0 to itself needs CAP_SETFCAP (Linux 5.12), which
 * a root short of its capabilities, or one inside a namespace already, lacks.
 */
export function wouldPass(test: RuleTest, record: ExeLinkRecord, otherIdentity = false): string {
  const file = record.new === "" || record.new === "-" ? "/usr/sbin/sshd" : record.new;
  const nested = record.userns === "nested";
  if (test === "never") return "nothing, in these rules: choose the 2014 rules or later.";
  if (otherIdentity) return forOwnIdentity(test, nested, record.era);
  if (test === "initial_cap_sys_resource")
    return nested
      ? `CAP_SYS_RESOURCE in the initial user namespace, which no namespace of your own gives: untick "new user namespace", switch CAP_SYS_RESOURCE on, and Apply.${otherPath(record.era)}`
      : `CAP_SYS_RESOURCE in the initial user namespace: switch it on and Apply. No namespace of your own can give it.${otherPath(record.era)}`;
  const need =
    test === "ns_root_ids"
      ? "a real uid and gid of 0 in your own user namespace"
      : test === "ns_cap_sys_admin"
        ? "CAP_SYS_ADMIN in your own user namespace"
        : "CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in your own user namespace";
  if (nested)
    return test === "ns_root_ids"
      ? `${need}: the page's "new user namespace" maps you to 0 there; Apply it.`
      : `${need}: switch ${test === "ns_cap_sys_admin" ? "it" : "one"} on (the new user namespace stays ticked) and Apply.`;
  const switches =
    test === "ns_root_ids"
      ? "choose root and Apply"
      : `switch ${test === "ns_cap_sys_admin" ? "it" : "one"} on and Apply`;
  const ownNs = `or tick "new user namespace" (there you are uid 0, holding every capability) and Apply`;
  const command = record.uid !== 0 ? `; runas --userns -- setexe ${file} tries that from this shell` : "";
  return `${need}: ${switches}, ${ownNs}${command}.`;
}

/** The other call, where there is one: in 2012 there is no PR_SET_MM_MAP to turn to. */
const otherPath = (era: number) =>
  era >= 2014 ? " PR_SET_MM_MAP (setexe without --via file) asks for something else." : "";

/**
 * For a process started with an identity of its own (runas, unshare): the page's switches set the
 * shell, not it, so the way is runas's options. runas grants only what the shell holds; `unshare -U`
 * maps no id, so its process is uid 65534 there and keeps no capability past exec.
 */
function forOwnIdentity(test: Exclude<RuleTest, "never">, nested: boolean, era: number): string {
  const own = "(this process has an identity of its own, which the page's switches do not set)";
  const nsWays =
    "runas --userns or unshare -r (not unshare -U, which maps no id: its process keeps no capability past exec; from a root shell, either needs CAP_SETFCAP)";
  if (test === "initial_cap_sys_resource") {
    const where = nested ? "without --userns or unshare, " : "";
    return `CAP_SYS_RESOURCE in the initial user namespace ${own}: start it ${where}with runas --caps cap_sys_resource, from a shell that holds it; no namespace of its own gives it.${otherPath(era)}`;
  }
  if (test === "ns_root_ids")
    return `a real uid and gid of 0 in its own user namespace ${own}: start it in a namespace of its own: ${nsWays}.`;
  const [need, cap] =
    test === "ns_cap_sys_admin"
      ? ["CAP_SYS_ADMIN", "cap_sys_admin"]
      : ["CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN", "cap_checkpoint_restore"];
  return `${need} in its own user namespace ${own}: start it with runas --caps ${cap}, from a shell that holds it, or in a namespace of its own, where it holds every capability: ${nsWays}.`;
}

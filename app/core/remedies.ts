// What would pass a refused permission check: the identities, and the commands, a learner can try next.
import type { RuleTest } from "./check-names";
import { permissionPasses, predict, rulesOfEra, type Subject } from "./permission-model";
import type { ExeLinkRecord, ToggleCap } from "./protocol";
import { showsHiddenText } from "./visible-text";

/** An identity panel control a way names: root, the "new user namespace" box, or a switch. */
export type PanelControl = "root" | "userns" | ToggleCap;

/** The next step in words, and the commands in it, each run as written from the terminal's shell. */
export interface Remedy {
  text: string;
  commands: string[];
  /** The panel's control the shell's way names first (the card's button goes to it). */
  control?: PanelControl;
}

/** What each test asks for, said of the caller ("your") or of another process ("its"). */
function need(test: Exclude<RuleTest, "never">, whose: "your" | "its"): string {
  if (test === "initial_cap_sys_resource") return "CAP_SYS_RESOURCE in the initial user namespace";
  if (test === "ns_root_ids") return `a real uid and gid of 0 in ${whose} own user namespace`;
  const caps = test === "ns_cap_sys_admin" ? "CAP_SYS_ADMIN" : "CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN";
  return `${caps} in ${whose} own user namespace`;
}

/** A file name as a shell reads it: quoted when it holds anything but plain path characters. */
const quoted = (file: string) => (/^[\w./+-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`);

/** The other call, where there is one: in 2012 there is no PR_SET_MM_MAP to turn to. */
const otherPath = (era: number) =>
  era >= 2014 ? " PR_SET_MM_MAP (setexe without --via file) asks for something else." : "";

/**
 * The shell's way: the page's switches (Apply restarts the shell with them) and, for the MAP checks,
 * a user namespace of one's own (the facts' headline: an unprivileged user passes MAP there;
 * EXE_FILE stays root's). The command to make one from the shell is offered only to a caller whose
 * uid is not 0 outside a namespace: mapping uid 0 to itself needs CAP_SETFCAP (Linux 5.12), which a
 * root short of its capabilities lacks (and a namespace shell passes these checks unless its
 * switches left the capability out). The panel switches every capability on when the namespace is
 * ticked with none chosen, but keeps a choice: so the namespace is offered with the switch on.
 */
function shellWay(
  test: Exclude<RuleTest, "never">,
  caller: { nested: boolean; uid: number; file: string; era: number },
): { how: string; commands: string[]; control: PanelControl } {
  // `how` begins with its own joiner to the need before it (": switch…", ", which…").
  const { nested, uid, file, era } = caller;
  if (test === "initial_cap_sys_resource")
    return nested
      ? {
          // Whether the panel made the namespace or `exec unshare -r sh` did (its box then unticked already).
          how: `, which no namespace of your own gives: Apply a shell outside one ("new user namespace" unticked) with CAP_SYS_RESOURCE switched on.${otherPath(era)}`,
          commands: [],
          control: "userns",
        }
      : {
          how: `: switch it on and Apply. No namespace of your own can give it.${otherPath(era)}`,
          commands: [],
          control: "cap_sys_resource",
        };
  const one = test === "ns_cap_sys_admin" ? "it" : "one";
  // The switch named first: CAP_CHECKPOINT_RESTORE, of the two that pass in 2020.
  const cap = test === "ns_cap_sys_admin" ? "cap_sys_admin" : "cap_checkpoint_restore";
  if (nested)
    return test === "ns_root_ids"
      ? {
          how: `: the page's "new user namespace" maps you to 0 there; Apply it.`,
          commands: [],
          control: "userns",
        }
      : {
          how: `: switch ${one} on and Apply, "new user namespace" ticked or not.`,
          commands: [],
          control: cap,
        };
  const switches = test === "ns_root_ids" ? "choose root and Apply" : `switch ${one} on and Apply`;
  const ownNs =
    test === "ns_root_ids"
      ? `or tick "new user namespace" (there you are uid 0) and Apply`
      : `with or without "new user namespace" ticked (there you are uid 0; ticking it with no capability chosen switches them all on)`;
  const command = `runas --userns -- setexe ${quoted(file)}`;
  const control = test === "ns_root_ids" ? "root" : cap;
  return uid !== 0
    ? { how: `: ${switches}, ${ownNs}; ${command} tries that from this shell.`, commands: [command], control }
    : { how: `: ${switches}, ${ownNs}.`, commands: [], control };
}

/**
 * A refusal's next step. `shell`: the process had an identity of its own (runas, unshare), and this
 * is the terminal's shell's; the page's switches set the shell, not the process, so the way is from
 * the shell as it is: setexe run by the shell itself when the shell passes the check, else a
 * namespace of its own for the MAP checks when the shell is not uid 0 there (mapping uid 0 needs
 * CAP_SETFCAP; runas could grant only capabilities the shell holds, and cutting the others needs
 * CAP_SETPCAP), else the shell's own way, as it lacks what the process lacked.
 */
export function remedy(test: RuleTest, record: ExeLinkRecord, shell?: Subject): Remedy {
  // PR_SET_MM_MAP before Linux 3.18: the other call was there, with a check of its own (a speaker in
  // 2012 had every capability on, and nothing pointed to --via file). Named, not offered as a command
  // to run: it passes only with that capability, which the card does not know the caller holds.
  if (test === "never")
    return {
      text: "nothing, in these rules: choose the 2014 rules or later. PR_SET_MM_EXE_FILE (setexe --via file) was there already, with a check of its own: CAP_SYS_RESOURCE in the initial user namespace.",
      commands: [],
    };
  // The file asked for, unless there is none to name again: no file (a bad descriptor), one
  // removed since it was opened (the kernel names it "PATH (deleted)", which no command can open),
  // or one whose name the page shows but cannot give back: a hidden character written as \u{…}
  // (typed so, it names another file) or bytes that were not UTF-8, shown as U+FFFD.
  const gone =
    record.new === "" ||
    record.new === "-" ||
    record.new.endsWith(" (deleted)") ||
    showsHiddenText(record.new) ||
    record.new.includes("\ufffd");
  const file = gone ? "/usr/sbin/sshd" : record.new;
  const era = record.era;
  if (!shell) {
    const { how, commands, control } = shellWay(test, {
      nested: record.userns === "nested",
      uid: record.uid,
      file,
      era,
    });
    return { text: `${need(test, "your")}${how}`, commands, control };
  }
  const own = `${need(test, "its")} (this process had an identity of its own, which the page's switches do not set)`;
  const args = `${record.op === "exe_file" ? "--via file " : ""}${quoted(file)}`;
  // Not a shell the learner started with runas or unshare, where these would fail as the process did.
  const exitFirst = "(exit first any shell you started with runas or unshare)";
  const rules = rulesOfEra(era);
  if (rules && permissionPasses(predict(rules.era, record.op, shell))) {
    const command = `setexe ${args}`;
    return {
      text: `${own}. The shell the identity panel set has that: run ${command} from it directly ${exitFirst}.`,
      commands: [command],
    };
  }
  if (test !== "initial_cap_sys_resource" && shell.nsUid !== 0) {
    const commands = [`runas --userns -- setexe ${args}`, `unshare -r setexe ${args}`];
    // 2014 asks for uid and gid 0 there, later rules for a capability: why unshare -U gives neither.
    const unmapped =
      test === "ns_root_ids" ? "its process is uid 65534 there" : "its process keeps no capability past exec";
    return {
      text: `${own}. A namespace of its own gives that, from the shell the identity panel set ${exitFirst}: ${commands[0]}, or ${commands[1]} (not unshare -U, which maps no id: ${unmapped}).`,
      commands,
    };
  }
  const { how, commands } = shellWay(test, { nested: shell.userns, uid: shell.uid, file, era });
  return {
    text: `${own}, and the shell lacks it too${how}`,
    commands,
  };
}

/** remedy()'s words alone. */
export const wouldPass = (test: RuleTest, record: ExeLinkRecord, shell?: Subject): string =>
  remedy(test, record, shell).text;

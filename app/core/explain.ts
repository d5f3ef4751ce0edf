// Plain-words explanations of the kernel's exe_link records and of the model's predictions.
import type { ExeLinkRecord } from "./protocol";
import { HISTORY, entryForCommit, type HistoryEntry } from "./history";
import {
  CHECK_NAMES,
  ERA_RULES,
  FILE_RULE_CHECKS,
  normalizeResult,
  rulesOfEra,
  type CheckName,
  type Path,
  type PermissionRule,
  type Prediction,
  type ReasonKey,
  type RuleTest,
  type Subject,
} from "./permission-model";
import { describeHeldCaps, describeIds, type SeenIds } from "./identity-words";
import { remedy, wouldPass, type PanelControl } from "./remedies";

export type { PanelControl };

export interface Explanation {
  title: string;
  body: string;
  /** The history entry whose change made the deciding rule. */
  rule?: HistoryEntry;
  /** The commits the body cites, for links beside it (the entry lists more, of other rules too). */
  cited?: readonly string[];
  /** What the entry is to this answer, when it is not the rule that decided ("rule" otherwise). */
  ruleLabel?: string;
  /** For a permission check's refusal: what would pass it (remedies.ts). */
  wouldPass?: string;
  /** The identity panel control that way names first, when it is the shell's own (remedies.ts). */
  wouldPassControl?: PanelControl;
}

export const REASON_TEXT: Readonly<Record<ReasonKey, string>> = {
  initial_cap_sys_resource_held: "You hold CAP_SYS_RESOURCE in the initial user namespace.",
  initial_cap_sys_resource_missing:
    "You do not hold CAP_SYS_RESOURCE, and this check looks only at the initial user namespace.",
  initial_cap_sys_resource_userns:
    "Whatever capabilities you hold belong to a user namespace of your own; this check looks only at the initial namespace, where you hold none.",
  map_not_yet: "No identity can change that, root included; the option arrives with Linux 3.18.",
  ns_root_ids_held:
    "Your real uid and gid are both 0 in your own user namespace; no capability is asked for.",
  ns_root_ids_missing:
    "Your real uid or gid is not 0 in your own user namespace, and no capability can make up for that.",
  ns_cap_sys_admin_held: "You hold CAP_SYS_ADMIN in your own user namespace.",
  ns_cap_sys_admin_missing: "You do not hold CAP_SYS_ADMIN in your own user namespace.",
  ns_cap_sys_admin_missing_as_root:
    "You do not hold CAP_SYS_ADMIN in your own user namespace; being uid 0 there is not enough any more.",
  ns_checkpoint_restore_held: "You hold CAP_CHECKPOINT_RESTORE in your own user namespace.",
  ns_checkpoint_restore_via_sys_admin:
    "You hold CAP_SYS_ADMIN in your own user namespace, which still grants everything CAP_CHECKPOINT_RESTORE does.",
  ns_checkpoint_restore_missing:
    "You hold neither CAP_CHECKPOINT_RESTORE nor CAP_SYS_ADMIN in your own user namespace.",
  one_shot_used: "This process already changed its exe link once, and these rules allow only one change.",
};

export const explainReason = (key: ReasonKey): string => REASON_TEXT[key];

/** What each permission test demands, as a sentence fragment after "in the YEAR rules, ". */
const REQUIREMENT: Readonly<Record<RuleTest, string>> = {
  initial_cap_sys_resource: "PR_SET_MM_EXE_FILE needs CAP_SYS_RESOURCE in the initial user namespace",
  never: "PR_SET_MM_MAP does not exist yet: the kernel answers EINVAL to everyone",
  ns_root_ids: "PR_SET_MM_MAP may only set exe_fd if your real uid and gid are 0 inside your user namespace",
  ns_cap_sys_admin: "PR_SET_MM_MAP may only set exe_fd if you hold CAP_SYS_ADMIN in your own user namespace",
  ns_checkpoint_restore:
    "PR_SET_MM_MAP may only set exe_fd if you hold CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in your own user namespace",
};

/**
 * What a refused learner most often misses about a test, said only where it fits the caller (no
 * namespace talk outside one, no word on uid 0 to uid 1000).
 */
function aside(test: RuleTest, record: ExeLinkRecord): string | undefined {
  const nested = record.userns === "nested";
  const root = nested ? recordIds(record).rootInside === true : record.uid === 0;
  if (test === "initial_cap_sys_resource" && nested)
    return "Capabilities held in a user namespace of your own do not count.";
  if (test === "ns_cap_sys_admin" && root) return "Being uid 0 is not enough any more.";
  if (test === "ns_checkpoint_restore") return "Before Linux 5.9 this refusal said EINVAL.";
  return undefined;
}

/** Rules after the permission check: what went wrong, and the commit that made the rule. */
const AFTER_PERMISSION: Readonly<
  Partial<Record<CheckName, { title: string; text: string; commit: string }>>
> = {
  bad_fd: {
    title: "not an open file",
    text: "the file descriptor is not open, or was opened with O_PATH (a handle that names a file without opening it for reading), so there is no file to point the exe link at.",
    commit: "b32dfe377102",
  },
  not_regular: {
    title: "not a regular file",
    text: "the new exe must be a regular file, not a directory, device or pipe.",
    commit: "b32dfe377102",
  },
  noexec_mount: {
    title: "noexec mount",
    text: "the file lives on a filesystem mounted noexec, where nothing may be executed.",
    commit: "b32dfe377102",
  },
  no_exec_perm: {
    title: "no execute permission",
    text: "you may not execute that file (a file with no execute bit at all cannot be run even with CAP_DAC_OVERRIDE, root's usual way round file permissions), and the exe link must name something you could have run.",
    commit: "b32dfe377102",
  },
  old_exe_mapped: {
    title: "old executable still mapped",
    text: "the old executable is still mapped in this process; it has to unmap it first, as CRIU does by running from anonymous memory.",
    commit: "4229fb1dc684",
  },
  open_for_write: {
    title: "new exe open for writing",
    text: "someone has the new file open for writing (this emulation applies that 5.15 rule in every era; 6.11 dropped it, and 6.13 brought it back).",
    commit: "fe69d560b5bd",
  },
  bad_args: {
    title: "bad prctl arguments",
    text: "PR_SET_MM_EXE_FILE takes only the descriptor: the fourth and fifth arguments of prctl must be 0 (a rule of PR_SET_MM from its start, which EXE_FILE joined in 3.5), and the kernel checks that before anything else.",
    commit: "028ee4be34a0",
  },
  map_fields: {
    title: "bad prctl_mm_map struct",
    text: "the struct failed the checks that come before the permission check: an address out of range, a start beyond its end (or, for the code, at it), brk and data over RLIMIT_DATA (the limit on a process's data size; EINVAL), or a bad pointer or size for the auxv (the auxiliary vector, facts the kernel hands a program at its start; EINVAL, or EFAULT when unreadable). Fill the struct from the current values so only exe_fd changes.",
    commit: "f606b77f1a9e",
  },
};

const PATH_NAME: Readonly<Record<Path, string>> = { map: "PR_SET_MM_MAP", exe_file: "PR_SET_MM_EXE_FILE" };

/** "b32dfe377102 (Linux 3.5) and 79f0713d403c (Linux 3.3 / 3.4)"; commits of one release share it. */
export function citeCommits(ids: readonly string[]): string {
  const groups: { ids: string[]; release: string }[] = [];
  for (const id of ids) {
    const release = entryForCommit(id)?.release ?? "unknown release";
    const last = groups.at(-1);
    if (last?.release === release) last.ids.push(id);
    else groups.push({ ids: [id], release });
  }
  const join = (xs: readonly string[]): string =>
    xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;
  return join(groups.map((g) => `${join(g.ids)} (${g.release})`));
}

const entryById = (id: string): HistoryEntry | undefined => HISTORY.find((e) => e.id === id);

/**
 * The record's ids, as the initial namespace sees them, and whether the process is root inside its
 * own namespace: the agent adds its ids there (nsuid, nsgid: the page's shell is uid 0 in its own, a
 * shell made with `unshare -U` nobody in another). Without them (the process had gone) only the 2014
 * rule's refusal proves a non-root.
 */
export function recordIds(record: ExeLinkRecord): SeenIds {
  const nested = record.userns !== "initial";
  const known = record.nsUid !== undefined && record.nsGid !== undefined;
  const rootInside = known
    ? record.nsUid === 0 && record.nsGid === 0
    : record.check === "uid_gid_root"
      ? false
      : undefined;
  return {
    uid: record.uid,
    euid: record.euid,
    gid: record.gid,
    userns: nested,
    rootInside: nested ? rootInside : undefined,
  };
}

/** "You are uid 1000 in the initial user namespace, holding CAP_SYS_ADMIN.": the ids, and the capabilities the agent saw. */
function who(record: ExeLinkRecord): string {
  const ids = recordIds(record);
  if (!record.caps) return `You are ${describeIds(ids, "your")}.`;
  return `You are ${describeIds(ids, "your")}, holding ${describeHeldCaps(record.caps, ids.userns)}.`;
}

/** The permission rule of the record's era for its path, or the rule that owns the check name. */
function permissionRuleFor(record: ExeLinkRecord): PermissionRule | undefined {
  const ofEra = rulesOfEra(record.era)?.paths[record.op];
  if (record.check === "allowed" || ofEra?.check === record.check) return ofEra;
  return Object.values(ERA_RULES)
    .map((r) => r.paths[record.op])
    .find((rule) => rule.check === record.check);
}

/**
 * Explains one exe_link record: which check decided, in which era, and the commit behind the rule.
 * `shell`: the process had an identity of its own (runas, unshare), and this is the shell's: what
 * would pass it is said from the shell as it is, not with the page's switches (remedies.ts).
 */
export function explainRecord(record: ExeLinkRecord, { shell }: { shell?: Subject } = {}): Explanation {
  const errno = normalizeResult(record.result);
  const check = record.check as CheckName;
  const path = PATH_NAME[record.op];
  const known = (CHECK_NAMES as readonly string[]).includes(record.check);
  if (!known) {
    return {
      title: `${errno === "0" ? "Allowed" : `Refused (${errno})`}: unknown check "${record.check}"`,
      body: `The kernel reported a check this page does not know (${record.check}) for ${path} in the ${record.era} rules. ${who(record)}`,
    };
  }
  if (check === "one_shot") {
    const [made, dropped] = ["bafb282df29c", "3fb4afd9a504"];
    return {
      title: "Refused (EPERM): exe link already changed once",
      body: `Refused: in the ${record.era} rules, a process may change its exe link only once (a security precaution, later judged needless), and this one already did. ${who(record)} Rule from ${citeCommits([made])}; dropped by ${citeCommits([dropped])}.`,
      rule: entryForCommit(made),
      cited: [made, dropped],
    };
  }
  const after = AFTER_PERMISSION[check];
  if (after) {
    const rule = entryForCommit(after.commit);
    const lead = FILE_RULE_CHECKS.includes(check)
      ? `Refused: you passed the ${record.era} permission check for ${path}, but`
      : `Refused: ${path} was rejected before any permission check, because`;
    return {
      title: `Refused (${errno}): ${after.title}`,
      body: `${lead} ${after.text} ${who(record)} Rule from ${citeCommits([after.commit])}.`,
      rule,
      cited: [after.commit],
    };
  }
  if (check === "era_no_map") {
    const arrives = "f606b77f1a9e";
    return {
      wouldPass: wouldPass("never", record, shell),
      title: `Refused (${errno}): no PR_SET_MM_MAP before 3.18`,
      body: `Refused: in the ${record.era} rules, ${REQUIREMENT.never}. ${who(record)} It arrives with ${citeCommits([arrives])}.`,
      rule: entryById("2014"),
      cited: [arrives],
      // The entry is when the refusal ended, not a rule that made it: the 2012 rules simply lack MAP.
      ruleLabel: "PR_SET_MM_MAP arrives",
    };
  }
  const rule = permissionRuleFor(record);
  if (!rule)
    return { title: `${errno}: ${check}`, body: `${path} in the ${record.era} rules. ${who(record)}` };
  const cite = `Rule from ${citeCommits(rule.commits)}.`;
  if (check === "allowed") {
    const to = record.new ? ` The exe link now names ${record.new}.` : "";
    // Said now, not only at the refusal it leads to: a learner's next try would surprise them.
    const once = rulesOfEra(record.era)?.oneShot
      ? " In these rules that was this process's one change: another would be refused (EPERM)."
      : "";
    return {
      title: `Allowed: ${path} changed the exe link`,
      // "may set … if", not the refusal's "may only set … if": said of a caller who does.
      body: `Allowed: in the ${record.era} rules, ${REQUIREMENT[rule.test].replace("may only", "may")}, and you qualify. ${who(record)}${to}${once} ${cite}`,
      rule: rule.entry,
      cited: rule.commits,
    };
  }
  // Every era checks permission before the new file: a learner trying a directory or a file without
  // execute bits learns here why that made no difference.
  const unseen = " The new file was not looked at: the permission check comes before the file checks.";
  const missed = aside(rule.test, record);
  const way = remedy(rule.test, record, shell);
  return {
    wouldPass: way.text,
    wouldPassControl: way.control,
    title: `Refused (${errno}): ${path} permission check`,
    body: `Refused: in the ${record.era} rules, ${REQUIREMENT[rule.test]}. ${missed ? `${missed} ` : ""}${who(record)}${unseen} ${cite}`,
    rule: rule.entry,
    cited: rule.commits,
  };
}

/** Explains what the model expects before (or beside) what the kernel says. */
export function explainPrediction(p: Prediction): Explanation {
  const rules = ERA_RULES[p.era];
  const rule = rules.paths[p.path];
  const cite = p.commits.length > 0 ? ` Rule from ${citeCommits(p.commits)}.` : "";
  const where = `${PATH_NAME[p.path]} in the ${p.era} rules`;
  if (p.check === "one_shot") {
    return {
      title: `Expected: refused (EPERM), ${where}`,
      body: `You pass the permission check, but ${REASON_TEXT.one_shot_used.toLowerCase()}${cite}`,
      rule: rules.oneShot?.entry,
    };
  }
  const verdict =
    p.errno === "0" ? "Expected to pass the permission check" : `Expected: refused (${p.errno})`;
  return {
    title: `${verdict}, ${where}`,
    body: `In the ${p.era} rules, ${REQUIREMENT[rule.test]}. ${REASON_TEXT[p.reasonKey]}${cite}`,
    rule: p.check === "era_no_map" ? entryById("2014") : rule.entry,
  };
}

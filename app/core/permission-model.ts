// Predicts and explains the kernel's PERMISSION check on exe link changes, per era, path and identity.
import { ERAS, type Era, type ExeLinkRecord, type Identity } from "./protocol";
import { HISTORY, type HistoryEntry } from "./history";
import {
  CHECK_NAMES,
  FILE_RULE_CHECKS,
  type CheckName,
  type Path,
  type ReasonKey,
  type RuleTest,
} from "./check-names";

export * from "./check-names";

export interface Subject {
  uid: number;
  gid: number;
  /** uid/gid as seen inside the process's own user ns */
  nsUid: number;
  nsGid: number;
  userns: boolean;
  /** effective caps in its own user ns, lower-case names like "cap_sys_admin" */
  caps: ReadonlySet<string>;
}

/** Every capability of Linux 6.1, numbers 0 to 40 in order: what "all" grants. */
export const ALL_CAPABILITIES: readonly string[] = [
  "chown dac_override dac_read_search fowner fsetid kill setgid setuid setpcap linux_immutable",
  "net_bind_service net_broadcast net_admin net_raw ipc_lock ipc_owner sys_module sys_rawio sys_chroot",
  "sys_ptrace sys_pacct sys_admin sys_boot sys_nice sys_resource sys_time sys_tty_config mknod lease",
  "audit_write audit_control setfcap mac_override mac_admin syslog wake_alarm block_suspend audit_read",
  "perfmon bpf checkpoint_restore",
]
  .flatMap((line) => line.split(" "))
  .map((name) => `cap_${name}`);

/**
 * What the guest's `runas` makes of an identity. Its gid equals its uid. With userns it is uid 0
 * inside a fresh user ns that maps 0 to the outer uid and gid (like `unshare -r`), and the caps
 * are held in that ns only.
 */
export function subjectFromIdentity(id: Identity): Subject {
  return {
    uid: id.uid,
    gid: id.uid,
    nsUid: id.userns ? 0 : id.uid,
    nsGid: id.userns ? 0 : id.uid,
    userns: id.userns,
    caps: new Set(id.caps === "all" ? ALL_CAPABILITIES : id.caps),
  };
}

interface TestResult {
  pass: boolean;
  reasonKey: ReasonKey;
}

const has = (s: Subject, cap: string): boolean => s.caps.has(cap);

/** The five tests the kernels have used; which era uses which is data in HISTORY. */
const TESTS: Record<RuleTest, (s: Subject) => TestResult> = {
  // capable() looks at the initial user ns: caps held in a nested ns never count.
  initial_cap_sys_resource: (s) =>
    s.userns
      ? { pass: false, reasonKey: "initial_cap_sys_resource_userns" }
      : has(s, "cap_sys_resource")
        ? { pass: true, reasonKey: "initial_cap_sys_resource_held" }
        : { pass: false, reasonKey: "initial_cap_sys_resource_missing" },
  never: () => ({ pass: false, reasonKey: "map_not_yet" }),
  // 3.18 compared ids, not capabilities: a root without caps passes, a capable uid 1000 does not.
  ns_root_ids: (s) =>
    s.nsUid === 0 && s.nsGid === 0
      ? { pass: true, reasonKey: "ns_root_ids_held" }
      : { pass: false, reasonKey: "ns_root_ids_missing" },
  ns_cap_sys_admin: (s) =>
    has(s, "cap_sys_admin")
      ? { pass: true, reasonKey: "ns_cap_sys_admin_held" }
      : // Said only to a caller that is uid 0 there: the 2014 rule let that one through.
        {
          pass: false,
          reasonKey: s.nsUid === 0 ? "ns_cap_sys_admin_missing_as_root" : "ns_cap_sys_admin_missing",
        },
  ns_checkpoint_restore: (s) =>
    has(s, "cap_checkpoint_restore")
      ? { pass: true, reasonKey: "ns_checkpoint_restore_held" }
      : has(s, "cap_sys_admin")
        ? { pass: true, reasonKey: "ns_checkpoint_restore_via_sys_admin" }
        : { pass: false, reasonKey: "ns_checkpoint_restore_missing" },
};

export interface PermissionRule {
  path: Path;
  check: CheckName;
  errno: "EPERM" | "EINVAL";
  test: RuleTest;
  /** Year of the history entry that introduced the rule. */
  since: number;
  commits: readonly string[];
  entry: HistoryEntry;
}

export interface OneShotRule {
  since: number;
  commits: readonly string[];
  entry: HistoryEntry;
}

export interface EraRules {
  era: Era;
  paths: Readonly<Record<Path, PermissionRule>>;
  /** The one-shot rule (one change per process), when the era has it. */
  oneShot: OneShotRule | null;
}

const entryYear = (e: HistoryEntry): number => e.replayEra ?? Number(e.date.slice(0, 4));

/** Folds the history's rule changes, in order, into one rule table per replayable era. */
export function buildEraRules(history: readonly HistoryEntry[]): Readonly<Record<Era, EraRules>> {
  const paths: Partial<Record<Path, PermissionRule>> = {};
  let oneShot: OneShotRule | null = null;
  const out: Partial<Record<Era, EraRules>> = {};
  for (const entry of history) {
    for (const ch of entry.rules) {
      const base = { since: entryYear(entry), commits: ch.commits, entry };
      if (ch.kind === "permission")
        paths[ch.path] = { ...base, path: ch.path, check: ch.check, errno: ch.errno, test: ch.test };
      else oneShot = ch.active ? base : null;
    }
    if (entry.replayEra === undefined) continue;
    const { map, exe_file } = paths;
    if (!map || !exe_file) throw new Error(`era ${entry.replayEra}: a path has no permission rule`);
    out[entry.replayEra] = { era: entry.replayEra, paths: { map, exe_file }, oneShot };
  }
  for (const era of ERAS) if (!out[era]) throw new Error(`era ${era} has no history entry`);
  return out as Record<Era, EraRules>;
}

export const ERA_RULES = buildEraRules(HISTORY);

/** The rules of the era a record names (the kernel's number: possibly none of ours). */
export const rulesOfEra = (year: number): EraRules | undefined =>
  Object.values(ERA_RULES).find((r) => r.era === year);

export interface Prediction {
  errno: "0" | "EPERM" | "EINVAL";
  check: CheckName;
  era: Era;
  path: Path;
  /** era in which the deciding rule was introduced */
  ruleSince: number;
  reasonKey: ReasonKey;
  commits: string[];
}

/**
 * What the permission check says. A pass is "allowed" (the file rules the kernel checks later are
 * not the model's business), or "one_shot" when the era allows only one change and one was made.
 */
export function predict(
  era: Era,
  path: Path,
  subject: Subject,
  opts?: { alreadyChanged?: boolean },
): Prediction {
  const rules = ERA_RULES[era];
  const rule = rules.paths[path];
  const { pass, reasonKey } = TESTS[rule.test](subject);
  const base = { era, path, ruleSince: rule.since, reasonKey, commits: [...rule.commits] };
  if (!pass) return { ...base, errno: rule.errno, check: rule.check };
  if (opts?.alreadyChanged && rules.oneShot) {
    const { since, commits } = rules.oneShot;
    return {
      ...base,
      errno: "EPERM",
      check: "one_shot",
      ruleSince: since,
      reasonKey: "one_shot_used",
      commits: [...commits],
    };
  }
  return { ...base, errno: "0", check: "allowed" };
}

/** True when the prediction says the permission check lets the caller through. */
export const permissionPasses = (p: Prediction): boolean => p.check === "allowed" || p.check === "one_shot";

const ERRNO_NUMBERS: Readonly<Record<string, string>> = {
  "1": "EPERM",
  "9": "EBADF",
  "13": "EACCES",
  "14": "EFAULT",
  "16": "EBUSY",
  "22": "EINVAL",
  "26": "ETXTBSY",
};

/** The kernel's result as an errno name: "0" for success; accepts names, "-1"-style numbers or "ok". */
export function normalizeResult(result: string): string {
  const r = result.trim();
  if (r === "0" || r.toLowerCase() === "ok") return "0";
  if (/^-?\d+$/.test(r)) return ERRNO_NUMBERS[String(Math.abs(Number(r)))] ?? r;
  return r.toUpperCase();
}

/** Compares the model's prediction with what the kernel recorded; the kernel is always what happened. */
export function compareWithKernel(p: Prediction, record: ExeLinkRecord): { agrees: boolean; note: string } {
  const errno = normalizeResult(record.result);
  const check = record.check as CheckName;
  if (record.era !== p.era || record.op !== p.path) {
    return {
      agrees: false,
      note: `The prediction is for ${p.path} in ${p.era}, the record for ${record.op} in ${record.era}.`,
    };
  }
  if (!(CHECK_NAMES as readonly string[]).includes(record.check)) {
    return {
      agrees: false,
      note: `The kernel reported a check the model does not know: "${record.check}" (${errno}).`,
    };
  }
  if (check === "map_fields" || check === "bad_args") {
    const what = check === "map_fields" ? "the prctl_mm_map struct" : "the prctl arguments";
    return {
      agrees: true,
      note: `The kernel rejected ${what} (${errno}) before the permission check ran, so the prediction was not tested.`,
    };
  }
  if (FILE_RULE_CHECKS.includes(check)) {
    return permissionPasses(p)
      ? {
          agrees: true,
          note: `The permission check passed, as predicted; then a file rule refused: ${check} (${errno}).`,
        }
      : {
          agrees: false,
          note: `The model expected ${p.check} to refuse (${p.errno}), but the kernel passed the permission check and stopped at ${check} (${errno}).`,
        };
  }
  if (check === p.check && errno === p.errno)
    return { agrees: true, note: `As predicted: ${check} (${errno}).` };
  return {
    agrees: false,
    note: `The model predicted ${p.check} (${p.errno}); the kernel says ${check} (${errno}).`,
  };
}

export interface NamedIdentity {
  key: string;
  label: string;
  identity: Identity;
}

const named = (
  key: string,
  label: string,
  uid: 0 | 1000,
  caps: Identity["caps"],
  userns = false,
): NamedIdentity => ({
  key,
  label,
  identity: { uid, caps, userns },
});

/** The identities every test of the rules walks through; the guest tests drive the real kernel with them. */
export const IDENTITY_MATRIX: readonly NamedIdentity[] = [
  named("root-all", "root, all capabilities", 0, "all"),
  named("root-sys-admin", "root with only CAP_SYS_ADMIN", 0, ["cap_sys_admin"]),
  named("root-sys-resource", "root with only CAP_SYS_RESOURCE", 0, ["cap_sys_resource"]),
  named("root-checkpoint-restore", "root with only CAP_CHECKPOINT_RESTORE", 0, ["cap_checkpoint_restore"]),
  named("root-none", "root, no capabilities", 0, []),
  named("user-none", "uid 1000, no capabilities", 1000, []),
  named("user-sys-admin", "uid 1000 with CAP_SYS_ADMIN", 1000, ["cap_sys_admin"]),
  named("user-sys-resource", "uid 1000 with CAP_SYS_RESOURCE", 1000, ["cap_sys_resource"]),
  named("user-checkpoint-restore", "uid 1000 with CAP_CHECKPOINT_RESTORE", 1000, ["cap_checkpoint_restore"]),
  named("user-userns", "uid 1000 in a new user namespace (all caps there)", 1000, "all", true),
  named("root-userns", "root in a new user namespace (all caps there)", 0, "all", true),
];

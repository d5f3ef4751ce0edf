// The vocabulary of the kernel's exe_link records: paths, check names, rule tests and reason keys.

export type Path = "map" | "exe_file";

/** Check names exactly as the patched kernel writes them in its exe_link records. */
export const CHECK_NAMES = [
  "cap_sys_resource",
  "era_no_map",
  "map_fields",
  "bad_args",
  "uid_gid_root",
  "ns_cap_sys_admin",
  "ns_checkpoint_restore",
  "bad_fd",
  "not_regular",
  "noexec_mount",
  "no_exec_perm",
  "old_exe_mapped",
  "one_shot",
  "open_for_write",
  "allowed",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** The gate that decides who may use a path at all; "no MAP in 2012" counts, since it refuses everyone. */
export const PERMISSION_CHECKS: readonly CheckName[] = [
  "cap_sys_resource",
  "era_no_map",
  "uid_gid_root",
  "ns_cap_sys_admin",
  "ns_checkpoint_restore",
];

/** Rules about the file and the address space, decided after the permission check and not modelled. */
export const FILE_RULE_CHECKS: readonly CheckName[] = [
  "bad_fd",
  "not_regular",
  "noexec_mount",
  "no_exec_perm",
  "old_exe_mapped",
  "open_for_write",
];

/**
 * What each check is in the kernel's own code, for a learner who looks it up: the record's names are
 * our patch's labels, not the kernel's (docs/facts/exe-link-history.md, "order of checks"). The card
 * puts each in brackets after the check's name: none holds brackets of its own around a remark.
 */
export const KERNEL_CODE: Readonly<Record<CheckName, string>> = {
  cap_sys_resource: "capable(CAP_SYS_RESOURCE) in prctl_set_mm()",
  era_no_map: "no PR_SET_MM_MAP before Linux 3.18",
  map_fields: "prctl_set_mm_map()'s size, address and auxv checks",
  bad_args: "prctl_set_mm()'s check that the unused arguments are 0",
  // Both in validate_prctl_map() in the releases they name (the 2019 refactor, Linux 5.2, moved the
  // check into prctl_set_mm_map()).
  uid_gid_root:
    "uid_eq(cred->uid, make_kuid(ns, 0)) && gid_eq(cred->gid, make_kgid(ns, 0)) in validate_prctl_map()",
  ns_cap_sys_admin:
    "ns_capable(current_user_ns(), CAP_SYS_ADMIN) in validate_prctl_map(), in prctl_set_mm_map() from 5.2",
  ns_checkpoint_restore: "checkpoint_restore_ns_capable(current_user_ns()) in prctl_set_mm_map()",
  bad_fd: "fdget(fd) in prctl_set_mm_exe_file(): not open, or opened O_PATH",
  not_regular: "S_ISREG() on the new file",
  noexec_mount: "path_noexec() on the new file's mount",
  no_exec_perm: "file_permission(MAY_EXEC) on the new file",
  old_exe_mapped: "path_equal() of each mapping's file with the old executable, before the swap",
  one_shot: "test_and_set_bit(MMF_EXE_FILE_CHANGED), removed in Linux 4.10",
  open_for_write: "deny_write_access() on the new file, since Linux 5.15; gone in 6.11 until the 6.13 revert",
  allowed: "every check passed",
};

/** How each permission rule decides; the history data names one of these per rule. */
export type RuleTest =
  "initial_cap_sys_resource" | "never" | "ns_root_ids" | "ns_cap_sys_admin" | "ns_checkpoint_restore";

/** Why a rule passed or refused, finer than the check name; explain.ts has the words for each. */
export const REASON_KEYS = [
  "initial_cap_sys_resource_held",
  "initial_cap_sys_resource_missing",
  "initial_cap_sys_resource_userns",
  "map_not_yet",
  "ns_root_ids_held",
  "ns_root_ids_missing",
  "ns_cap_sys_admin_held",
  "ns_cap_sys_admin_missing",
  "ns_cap_sys_admin_missing_as_root",
  "ns_checkpoint_restore_held",
  "ns_checkpoint_restore_via_sys_admin",
  "ns_checkpoint_restore_missing",
  "one_shot_used",
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];

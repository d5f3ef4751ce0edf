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
  "ns_checkpoint_restore_held",
  "ns_checkpoint_restore_via_sys_admin",
  "ns_checkpoint_restore_missing",
  "one_shot_used",
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];

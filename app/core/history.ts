// The history of "who may change /proc/self/exe", 2012–2025, as typed data (facts: docs/facts/exe-link-history.md).
import type { Era } from "./protocol";
import { c, lore } from "./history-cite";
import { SWAP_HISTORY } from "./history-swap";
import type { HistoryEntry } from "./history-types";

export * from "./history-notes";
export * from "./history-types";

export const HISTORY: readonly HistoryEntry[] = [
  {
    id: "prelude",
    date: "2012-01",
    when: "Jan–Mar 2012",
    release: "Linux 3.3 / 3.4",
    title: "PR_SET_MM arrives for checkpoint/restore",
    commits: [
      c("067bce1a06c1", "adds the CONFIG_CHECKPOINT_RESTORE option"),
      c("028ee4be34a0", "adds PR_SET_MM for the memory-map fields, guarded by CAP_SYS_ADMIN"),
      c(
        "79f0713d403c",
        "switches PR_SET_MM to CAP_SYS_RESOURCE because CAP_SYS_ADMIN already guards too much",
      ),
    ],
    // Not named: our reference (docs/facts/exe-link-history.md) does not name these commits' authors.
    authors: [],
    summary:
      "A restorer needed to rebuild a process's memory-map fields, so PR_SET_MM appeared, first behind CAP_SYS_ADMIN and then behind CAP_SYS_RESOURCE, but nothing could touch the exe link yet.",
    effects: {
      // Our reference says "(EINVAL)"; PR_SET_MM checked its capability before reading the option
      // (as 3.5's code, which added EXE_FILE behind that same check, still does), so most callers
      // met EPERM first.
      exeFile: "does not exist: EPERM without PR_SET_MM's capability (checked first), else EINVAL",
      map: "does not exist",
      other: "the exe link cannot be changed at all",
    },
    rules: [],
    sources: [],
  },
  {
    id: "2012",
    date: "2012-05",
    when: "May–Jul 2012",
    release: "Linux 3.5",
    title: "PR_SET_MM_EXE_FILE: change the exe link once",
    commits: [
      c("b32dfe377102", "adds PR_SET_MM_EXE_FILE under PR_SET_MM's CAP_SYS_RESOURCE check"),
      c("bafb282df29c", "reworks the busy test and adds the change-only-once flag MMF_EXE_FILE_CHANGED"),
      c("4229fb1dc684", "relaxes the busy test: only the old executable must be unmapped (EBUSY)"),
    ],
    authors: ["Cyrill Gorcunov", "Konstantin Khlebnikov"],
    summary:
      'So that CRIU could restore a process with its real /proc/<pid>/exe, a process holding CAP_SYS_RESOURCE in the initial namespace may repoint its own exe link after unmapping the old executable, and only once, for security reasons that, the man page says, were "subsequently deemed specious".',
    effects: {
      exeFile: "capable(CAP_SYS_RESOURCE) in the initial user namespace, else EPERM",
      map: "does not exist (EINVAL)",
      other:
        "EBUSY while the old exe is mapped; a second change gives EPERM; all of PR_SET_MM needs CONFIG_CHECKPOINT_RESTORE",
    },
    rules: [
      {
        kind: "permission",
        path: "exe_file",
        check: "cap_sys_resource",
        errno: "EPERM",
        test: "initial_cap_sys_resource",
        commits: ["b32dfe377102", "79f0713d403c"],
      },
      { kind: "permission", path: "map", check: "era_no_map", errno: "EINVAL", test: "never", commits: [] },
      { kind: "one_shot", active: true, commits: ["bafb282df29c"] },
    ],
    sources: [
      {
        label: "man page: PR_SET_MM_EXE_FILE(2const), on the one-shot rule",
        url: "https://man7.org/linux/man-pages/man2/PR_SET_MM_EXE_FILE.2const.html",
      },
    ],
    replayEra: 2012,
  },
  {
    id: "2013",
    date: "2013-04",
    when: "Apr 2013",
    release: "Linux 3.10",
    title: "PR_SET_MM in every kernel",
    commits: [c("52b3694157e3", "builds PR_SET_MM whether or not CONFIG_CHECKPOINT_RESTORE is set")],
    authors: [],
    summary:
      "PR_SET_MM stopped depending on CONFIG_CHECKPOINT_RESTORE, so any kernel offered it, not only kernels built for checkpoint/restore.",
    effects: { exeFile: "unchanged", map: "does not exist" },
    rules: [],
    sources: [],
  },
  {
    id: "2014",
    date: "2014-10-09",
    when: "9 Oct 2014",
    release: "Linux 3.18",
    title: "PR_SET_MM_MAP: a namespace root may set exe_fd",
    commits: [
      c("f606b77f1a9e", "adds PR_SET_MM_MAP; exe_fd needs real uid and gid 0 in the caller's user ns"),
    ],
    authors: ["Cyrill Gorcunov"],
    summary:
      "To restore all memory-map fields in one call, even inside containers, PR_SET_MM_MAP accepts an exe_fd from anyone whose real uid and gid both map to 0 in their own user namespace, no capability asked.",
    effects: {
      exeFile: "unchanged",
      map: "real uid and gid must both be 0 in the caller's own user namespace, else EINVAL",
      other: "the one-shot rule (one change per process) applies to both paths",
    },
    rules: [
      {
        kind: "permission",
        path: "map",
        check: "uid_gid_root",
        errno: "EINVAL",
        test: "ns_root_ids",
        commits: ["f606b77f1a9e"],
      },
    ],
    sources: [],
    replayEra: 2014,
  },
  {
    id: "2016",
    date: "2016-12",
    when: "Dec 2016",
    release: "Linux 4.10",
    title: "The one-shot rule goes",
    commits: [c("3fb4afd9a504", "removes the one-shot flag (MMF_EXE_FILE_CHANGED)")],
    authors: ["Stanislav Kinsburskiy"],
    summary:
      "Restoring a process over NFS needs to change the exe link a second time, so the one-shot rule (one change per process) was dropped.",
    effects: { exeFile: "unchanged", map: "unchanged", other: "the exe link may change any number of times" },
    rules: [{ kind: "one_shot", active: false, commits: ["3fb4afd9a504"] }],
    sources: [],
    replayEra: 2016,
  },
  {
    id: "2017",
    date: "2017-05",
    when: "May 2017 (authored)",
    release: "Linux 4.14",
    title: "PR_SET_MM_MAP: CAP_SYS_ADMIN in your own namespace",
    commits: [
      c("4d28df6152aa", "replaces the uid/gid test with ns_capable(current_user_ns(), CAP_SYS_ADMIN)"),
    ],
    authors: ["Kirill Tkhai"],
    summary:
      "Restoring tasks whose user namespace maps no uid 0 or gid 0 was impossible (a namespace's id map can be written only once), so the MAP path stopped looking at user ids and asks for CAP_SYS_ADMIN in the caller's own user namespace instead: a privileged restorer that is not uid 0 qualifies and a capability-less root does not.",
    effects: { exeFile: "unchanged", map: "CAP_SYS_ADMIN in the caller's own user namespace, else EINVAL" },
    rules: [
      {
        kind: "permission",
        path: "map",
        check: "ns_cap_sys_admin",
        errno: "EINVAL",
        test: "ns_cap_sys_admin",
        commits: ["4d28df6152aa"],
      },
    ],
    sources: [],
    replayEra: 2017,
  },
  {
    id: "2019",
    date: "2019-05",
    when: "May 2019",
    release: "Linux 5.2",
    title: "Permission check after the auxv copy",
    commits: [],
    authors: ["Michal Koutný"],
    summary:
      "A refactor of the struct validation moved the exe permission check out of it, to after the copy of the auxv (the auxiliary vector: facts the kernel hands a program at its start, which the struct may replace): the address checks already came first, but an unreadable auxv now fails with EFAULT before anyone asks about permission.",
    effects: { exeFile: "unchanged", map: "same check, now run after the auxv copy" },
    rules: [],
    sources: [
      {
        label: "patch: prctl_set_mm: Refactor checks from validate_prctl_map",
        url: lore("20190502125203.24014-2-mkoutny@suse.com"),
      },
    ],
    unverified: "the mainline commit id (the patch as posted is linked above)",
  },
  {
    id: "2020",
    date: "2020-07",
    when: "Jul 2020",
    release: "Linux 5.9",
    title: "CAP_CHECKPOINT_RESTORE, and EPERM",
    commits: [
      c("124ea650d307", "adds the capability CAP_CHECKPOINT_RESTORE (number 40)"),
      c(
        "ebd6de681238",
        "lets CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in the caller's user ns change the exe link",
      ),
      c("227175b2c914", "returns EPERM instead of EINVAL when that check fails"),
      c("74858abbb103", "merges the series for 5.9"),
    ],
    authors: ["Adrian Reber", "Nicolas Viennot"],
    summary:
      "So that checkpoint/restore tools need not hold full CAP_SYS_ADMIN, a narrower capability now passes the MAP check, and a refusal says EPERM, as a permission error should.",
    effects: {
      // The history's sources cite this report by title only (no address to link).
      exeFile:
        "unchanged: still CAP_SYS_RESOURCE in the initial user namespace, where MAP asks in the caller's own; Michael Kerrisk reported the mismatch that October (\"Inconsistent capability requirements for prctl_set_mm_exe_file()\", linux-security-module), and the two paths' checks were never made the same",
      map: "CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in the caller's own user namespace, else EPERM",
      other:
        "CRIU falls back to PR_SET_MM_EXE_FILE only on EINVAL, so an EPERM no longer triggers the fallback",
    },
    rules: [
      {
        kind: "permission",
        path: "map",
        check: "ns_checkpoint_restore",
        errno: "EPERM",
        test: "ns_checkpoint_restore",
        commits: ["ebd6de681238", "227175b2c914", "124ea650d307"],
      },
    ],
    sources: [
      {
        label: "patch: exe link and CAP_CHECKPOINT_RESTORE",
        url: lore("20200719100418.2112740-6-areber@redhat.com"),
      },
      { label: "patch: EINVAL becomes EPERM", url: lore("20200719100418.2112740-7-areber@redhat.com") },
      { label: "5.9 pull request", url: lore("20200804113202.72667-1-christian.brauner@ubuntu.com") },
    ],
    replayEra: 2020,
  },
  ...SWAP_HISTORY,
];

/** The entry that opens a replayable era. */
export function entryForEra(era: Era): HistoryEntry {
  const entry = HISTORY.find((e) => e.replayEra === era);
  if (!entry) throw new Error(`no history entry for era ${era}`);
  return entry;
}

/** The entry that lists a commit, if any. */
export function entryForCommit(id: string): HistoryEntry | undefined {
  return HISTORY.find((e) => e.commits.some((cm) => cm.id === id));
}

// Side notes to the exe link history: who trusts the link, the 2020 PoC, man pages, proposals, deviations.
import type { SourceLink } from "./history-types";

export interface Note {
  id: string;
  title: string;
  text: string;
  source?: SourceLink;
}

/** Who relies on the exe link, and the argument that it is only a hint. */
export const TRUST_NOTES: readonly Note[] = [
  {
    id: "tomoyo",
    title: "TOMOYO",
    text: "tomoyo_manager() lets a process manage the policy when its exe path is a registered manager (and its global uid and euid are 0).",
  },
  {
    id: "audit",
    title: "Audit",
    text: "audit_log_d_path_exe() writes exe= into audit records, and -F exe= rules select events by it.",
  },
  {
    id: "brauner",
    title: "Christian Brauner's point (5.9 discussion)",
    text: "The exe link hints at what was exec'd, it never proves what code runs afterwards; he suggested logging every change rather than leaning on permission checks. That was never merged; the patched kernel here logs one record per attempt.",
  },
];

export const PROOF_OF_CONCEPT = {
  title: "run_as_exe (2020)",
  author: "Nicolas Viennot",
  url: "https://github.com/nviennot/run_as_exe",
  howItWorks:
    "Without any capability, a helper ptrace-attaches to a child that execs a disguise binary (so the kernel sets the exe link honestly), stops it right after exec, injects code that maps the real program, fixes the aux vector and jumps there: /proc/self/exe names the disguise while other code runs.",
  simplerDemo:
    "Stop a process with ptrace just after it exec'd a trusted binary and write a few bytes of other code at its instruction pointer.",
} as const;

export const MAN_PAGE_NOTES: readonly Note[] = [
  {
    id: "second-change",
    title: "A second change is not EBUSY",
    text: "The ERRORS lists of prctl(2) and PR_SET_MM_EXE_FILE(2const) still give EBUSY for a second change; it failed with EPERM until 4.10 and is allowed since, while EBUSY means the old executable is still mapped.",
  },
  {
    id: "map-exe-fd",
    title: "PR_SET_MM_MAP's exe_fd is undocumented",
    text: "PR_SET_MM_MAP(2const) mentions neither exe_fd, nor EPERM, nor CAP_CHECKPOINT_RESTORE; a 2023 fix by Matthew House was not applied.",
  },
];

export interface Proposal {
  id: string;
  who: string;
  when: string;
  idea: string;
  outcome: string;
  source?: SourceLink;
}

/** Unmerged proposals, for "what if" views. */
export const PROPOSALS: readonly Proposal[] = [
  {
    id: "drop-ebusy-2021",
    who: "Keno Fischer",
    when: "Dec 2021",
    idea: "Drop the EBUSY rule (old executable still mapped).",
    outcome: "Not merged; Linus called the mapping walk racy in 2021.",
    source: {
      label: "proposal",
      url: "https://lore.kernel.org/r/20211215062342.GA1548576@juliacomputing.com",
    },
  },
  {
    id: "drop-ebusy-2024",
    who: "Theodore Dubois",
    when: "Aug 2024",
    idea: "Drop the EBUSY rule.",
    outcome: "Not merged.",
  },
  {
    id: "cap-for-every-map-2026",
    who: "Qi Tang",
    when: "Apr 2026",
    idea: "Require the capability for every PR_SET_MM_MAP call, not only when exe_fd is set.",
    outcome: "Pushed back on.",
  },
];

export const CHECKPOINT_RESTORE_FACTS = {
  number: 40,
  since: "Linux 5.9",
  commit: "124ea650d307",
  why: "Split out of CAP_SYS_ADMIN so that checkpoint/restore tools need not run as full admin; CAP_SYS_ADMIN still grants everything it does.",
  grants: [
    { what: "changing the exe link through PR_SET_MM_MAP", checkedIn: "the caller's own user namespace" },
    {
      what: "choosing pids with clone3 set_tid",
      checkedIn: "the user namespace of each pid-namespace level",
    },
    { what: "writing /proc/sys/kernel/ns_last_pid", checkedIn: "the pid namespace's user namespace" },
    {
      what: "following /proc/<pid>/map_files/ links",
      checkedIn: "the initial user namespace",
      commit: "12886f8ab10c",
    },
  ],
  selftest: {
    path: "tools/testing/selftests/clone3/clone3_cap_checkpoint_restore.c",
    commit: "1d27a0be16d6",
  },
} as const;

/** Where this emulation differs from the real kernels it replays. */
export const DEVIATIONS: readonly Note[] = [
  {
    id: "write-rules-every-era",
    title: "2021 file rules in every era",
    text: "A new exe open for writing gives EACCES, and the new exe is write-protected afterwards, in every era; real kernels did this only from 5.15 (and not in 6.11, nor 6.12 before the revert reached it).",
  },
  {
    id: "check-order",
    title: "6.1's order of checks",
    text: "MAP's permission check runs after the copy of the auxv (the 2019 refactor) in every era, so an unreadable auxv gives EFAULT first; before 5.2 the check ran just before that copy (the address checks came first either way).",
  },
  {
    id: "config-2012",
    title: "PR_SET_MM always built in",
    text: "In 2012 real kernels offered PR_SET_MM only with CONFIG_CHECKPOINT_RESTORE; here it is always there.",
  },
  {
    id: "map-field-checks",
    title: "6.1's checks of the MAP struct",
    text: "The struct's addresses are checked as 6.1 checks them in every era; real kernels were stricter before 5.2 and the stable kernels that took its fix (start_data strictly below end_data), and before 5.15 and its stable backports (the brk fields above end_data). setexe sends the process's own values, which pass either way (its data section is not empty, so start_data is below end_data).",
  },
  {
    id: "audit-record",
    title: "The exe_link record is new",
    text: "No real kernel logs exe link changes; the record follows a 2020 suggestion that was never merged.",
  },
  {
    id: "cap-checkpoint-restore-exists",
    title: "CAP_CHECKPOINT_RESTORE always exists",
    text: "The capability exists in every era here (it arrived in 5.9) but only the 2020 rules look at it.",
  },
  {
    id: "userns-2012",
    title: "User namespaces in 2012",
    text: "Any user may create a user namespace here (Debian's 6.1 allows it) in every era, the 2012 rules' included; unprivileged users could do so only from Linux 3.8 (February 2013). Nothing the 2012 rules decide depends on it: their one check, CAP_SYS_RESOURCE, looks at the initial namespace.",
  },
  {
    id: "map-2012-whole-option",
    title: "PR_SET_MM_MAP in 2012",
    text: "In 2012 PR_SET_MM_MAP and PR_SET_MM_MAP_SIZE answer EINVAL to everyone, whatever the struct holds. Real 3.5 asked for CAP_SYS_RESOURCE before it looked at the option, so a caller without it got EPERM for PR_SET_MM_MAP_SIZE (PR_SET_MM_MAP, with the struct's size as the fourth argument, failed the zero-arguments check first: EINVAL there too).",
  },
];

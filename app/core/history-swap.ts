// The exe link history after its permission rules settled (2021–2025): how the swap is done, no era to replay.
import { c, lore } from "./history-cite";
import type { HistoryEntry } from "./history-types";

/** Write protection and locking around the swap: no permission rule changed, so none replays. */
export const SWAP_HISTORY: readonly HistoryEntry[] = [
  {
    id: "2021",
    date: "2021-08",
    when: "Aug–Sep 2021",
    release: "Linux 5.15",
    title: "replace_mm_exe_file() and write protection",
    commits: [
      c("35d7bdc86031", "moves the swap into replace_mm_exe_file()"),
      c("fe69d560b5bd", "always denies write access to the current exe file"),
    ],
    authors: ["David Hildenbrand"],
    summary:
      "The swap moved into one helper that refuses a new executable someone has open for writing and then write-protects it, as if it had been exec'd.",
    effects: {
      exeFile: "unchanged",
      map: "unchanged",
      other: "new exe open for writing gives EACCES; afterwards writers get ETXTBSY",
    },
    rules: [],
    sources: [{ label: "5.15 series", url: lore("20210816194840.42769-1-david@redhat.com") }],
  },
  {
    id: "2023",
    date: "2023-08",
    when: "Aug 2023",
    release: "Linux 6.6",
    title: "Swap under the mmap write lock",
    commits: [c("a7031f145257", "performs the swap under the mmap write lock")],
    authors: ["Mateusz Guzik"],
    summary:
      "The exe link is now swapped while holding the mmap write lock, a locking change that left every error code as it was.",
    effects: { exeFile: "unchanged", map: "unchanged", other: "no errno change" },
    rules: [],
    sources: [],
  },
  {
    id: "2024",
    date: "2024",
    when: "2024",
    release: "Linux 6.11, reverted in 6.13",
    title: "Write protection dropped, then restored",
    commits: [
      c("2a010c412853", "stops blocking writes to running executables"),
      c("3b832035387f", "reverts that, restoring the write protection"),
    ],
    authors: ["Christian Brauner"],
    summary:
      "Denying writes to a running executable was removed in 6.11 and brought back by a revert in 6.13, which was also backported to 6.12.y and 6.11.11.",
    effects: {
      exeFile: "unchanged",
      map: "unchanged",
      other:
        "write protection off in 6.11, on again from 6.13; so too the EACCES for a new exe open for writing",
    },
    rules: [],
    sources: [],
  },
  {
    id: "2025",
    date: "2025-01",
    when: "Jan 2025",
    release: "Linux 6.14",
    title: "No write protection for fanotify-watched files",
    commits: [c("0357ef03c94e", "skips write protection for files watched by fanotify pre-content events")],
    authors: ["Amir Goldstein"],
    summary:
      "The write protection of the new executable is skipped for files watched by fanotify pre-content events; the permission rules stayed as they were.",
    effects: {
      exeFile: "unchanged",
      map: "unchanged",
      other: "no write protection for fanotify pre-content watched files",
    },
    rules: [],
    sources: [],
    unverified: "the release it first shipped in (6.14)",
  },
];

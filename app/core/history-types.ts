// The shape of the history data: entries, the commits and sources they cite, the rule changes.
import type { Era } from "./protocol";
import type { CheckName, Path, RuleTest } from "./check-names";

export interface CommitRef {
  /** Short id, 12 hex characters, as the reference doc cites it. */
  id: string;
  link: string;
  /** What this commit did, in our words. */
  role: string;
}

export interface SourceLink {
  label: string;
  url: string;
}

/** A change to the permission rules; the permission model folds these into its per-era table. */
export type RuleChange =
  | {
      kind: "permission";
      path: Path;
      check: CheckName;
      errno: "EPERM" | "EINVAL";
      test: RuleTest;
      /** The commits behind this rule (ids of commits listed somewhere in HISTORY). */
      commits: readonly string[];
    }
  | { kind: "one_shot"; active: boolean; commits: readonly string[] };

export interface HistoryEntry {
  id: string;
  /** ISO date, as precise as known: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
  /** The date as a reader should see it. */
  when: string;
  release: string;
  title: string;
  commits: readonly CommitRef[];
  /** Authors as far as known (the prelude's are not in the reference doc); empty when unknown. */
  authors: readonly string[];
  /** What changed and why, in one sentence. */
  summary: string;
  effects: { exeFile: string; map: string; other?: string };
  rules: readonly RuleChange[];
  sources: readonly SourceLink[];
  /** Set for the five eras the patched kernel can replay. */
  replayEra?: Era;
  /** What in this entry our sources could not confirm, said to the reader ("Not confirmed: …"). */
  unverified?: string;
}

export const commitLink = (id: string): string => `https://git.kernel.org/torvalds/c/${id}`;

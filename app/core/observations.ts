// Pure reducers turning guest events into what the panels show: process list changes and attempts.
import { heldCaps, sameCaps, subjectFromActual } from "./identity";
import type { Attempt, IdentityState, ProcView } from "./lab-types";
import { compareWithKernel, predict, type Subject } from "./permission-model";
import type { Era, ExeLinkRecord, ProcEntry } from "./protocol";

export interface ExeChange {
  old: string;
  new: string;
  at: number;
}

/**
 * Merges a new process list, showing old → new when an exe link changed: from the kernel's records
 * (a change can happen between two scans) or, failing that, from comparing two scans.
 */
export function mergeProcs(
  previous: readonly ProcView[],
  next: readonly ProcEntry[],
  now: number,
  changes: ReadonlyMap<number, ExeChange> = new Map(),
): ProcView[] {
  const before = new Map(previous.map((p) => [p.pid, p]));
  return next.map((p) => {
    const recorded = changes.get(p.pid);
    if (recorded && recorded.new === p.exe)
      return { ...p, previousExe: recorded.old, changedAt: recorded.at };
    const old = before.get(p.pid);
    if (!old || old.comm !== p.comm || old.exe === p.exe) {
      // Same link (or a new process): keep any earlier change so the highlight survives a re-scan.
      return old && old.exe === p.exe
        ? { ...p, previousExe: old.previousExe, changedAt: old.changedAt }
        : { ...p };
    }
    return { ...p, previousExe: old.exe, changedAt: now };
  });
}

/**
 * The subject from the record alone, for a process the learner started with another identity
 * (`runas`, `unshare`): the agent adds its gid, its ids inside its own namespace and its effective
 * capabilities to the kernel's ids. Undefined when any is missing (it had exited before the agent
 * looked) or its real and effective uids differ (the model knows one uid).
 */
export function subjectFromRecord(record: ExeLinkRecord): Subject | undefined {
  const { uid, euid, gid, nsUid, nsGid, caps } = record;
  if (uid !== euid || gid === undefined || nsUid === undefined || nsGid === undefined || !caps)
    return undefined;
  return { uid, gid, nsUid, nsGid, userns: record.userns === "nested", caps: heldCaps(caps) };
}

/** Builds the card's entry: the kernel's record, and the model's prediction beside it. */
export function toAttempt(
  seq: number,
  now: number,
  record: ExeLinkRecord,
  era: Era,
  actual: IdentityState["actual"],
  recordCaps?: string[],
): Attempt {
  if (!actual) return { seq, at: now, record };
  const subject = subjectFromActual(actual, recordCaps);
  // A process the learner started with another identity (`runas --uid`, `unshare -r`, or
  // `unshare -U`, whose namespace of its own maps no id): not the shell's, so the model reasons from
  // what the record says of the process itself, when it says it all.
  const otherIds =
    record.uid !== actual.uid ||
    record.euid !== actual.uid ||
    (record.gid !== undefined && record.gid !== actual.gid) ||
    (record.nsUid !== undefined && record.nsUid !== subject.nsUid) ||
    (record.nsGid !== undefined && record.nsGid !== subject.nsGid) ||
    (record.userns === "nested") !== actual.userns;
  // The shell's ids with fewer capabilities (`runas --uid 0 --caps none`): its own identity too, for
  // what would pass it (the shell may hold them all); the model already reasons from the record's.
  const otherCaps = recordCaps !== undefined && !sameCaps(recordCaps, actual.caps);
  const own = otherIds ? subjectFromRecord(record) : subject;
  const other = otherIds || otherCaps ? { otherIdentity: true, shell: subjectFromActual(actual) } : {};
  if (!own) return { seq, at: now, record, ...other };
  // The one-shot rule depends on history the model cannot see; the kernel's check name tells us.
  const prediction = predict(era, record.op, own, { alreadyChanged: record.check === "one_shot" });
  const agrees = compareWithKernel(prediction, record).agrees;
  return { seq, at: now, record, prediction, agrees, ...other };
}

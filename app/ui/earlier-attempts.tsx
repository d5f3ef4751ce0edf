// The result card's list of earlier attempts: when, what the kernel answered, by which path, and who tried.
import type { Attempt } from "../core/lab-types";
import { recordIds } from "../core/explain";
import { describeHeldCaps, shortIds } from "../core/identity-words";
import { OP_NAME, resultLabel } from "./attempt-words";

const clock = (at: number) => new Date(at).toLocaleTimeString([], { hour12: false });

/** "uid 1000, initial user ns · CAP_SYS_ADMIN": comparing identities is what the list is read for. */
function whoTried(attempt: Attempt): string {
  const { record } = attempt;
  const ids = recordIds(record);
  return record.caps ? `${shortIds(ids)} · ${describeHeldCaps(record.caps, ids.userns)}` : shortIds(ids);
}

/** `earlier`: newest first, as many as are shown; `count`: all since the page loaded. */
export function EarlierAttempts({ earlier, count }: { earlier: readonly Attempt[]; count: number }) {
  if (earlier.length === 0) return null;
  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-semibold">Earlier attempts ({count})</summary>
      {count > earlier.length && (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="earlier-left-out">
          The last {earlier.length} of {count}. More in the kernel's log, as long as it keeps them:{" "}
          <code>dmesg | grep exe_link</code>
        </p>
      )}
      <ol className="mt-1 space-y-0.5 font-mono text-sm">
        {earlier.map((a) => (
          <li key={a.seq}>
            {clock(a.at)} <strong>{resultLabel(a.record.result)}</strong> {OP_NAME[a.record.op]}{" "}
            {a.record.era} {a.record.comm}/{a.record.pid}{" "}
            <span className="text-slate-600 dark:text-slate-400">· {whoTried(a)}</span>
            {a.agrees === false && (
              <span className="ml-1 text-fuchsia-700 dark:text-fuchsia-300">mismatch</span>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

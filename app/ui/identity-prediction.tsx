// What the identity being chosen would meet under the running era's rules: the model's prediction, before Apply.
import type { Path } from "../core/check-names";
import type { Era, Identity } from "../core/protocol";
import { REASON_TEXT } from "../core/explain";
import { predict, subjectFromIdentity, type Subject } from "../core/permission-model";

const CALLS: ReadonlyArray<[Path, string]> = [
  ["map", "PR_SET_MM_MAP"],
  ["exe_file", "PR_SET_MM_EXE_FILE"],
];

/**
 * Which matters, uid 0 or a capability, and which capability, changes with the era: said for the
 * switches as they stand, so that a learner knows what Apply will bring before pressing it. Only the
 * permission check (the file rules come after it), and only a prediction: the kernel answers in the
 * terminal and on the card.
 */
export function IdentityPrediction({
  identity,
  era,
  notApplied = false,
  shell,
}: {
  identity: Identity;
  era: Era;
  /** The switches are not the shell's yet: "You hold …" below is what Apply would make true. */
  notApplied?: boolean;
  /**
   * The shell as it is, where it is no longer what the switches set (`exec unshare -r sh`): the
   * prediction is for it, as setexe typed there meets the kernel with it (for the switches it read
   * as the shell's, and contradicted the terminal's OK).
   */
  shell?: Subject;
}) {
  const subject = shell ?? subjectFromIdentity(identity);
  return (
    <div className="mt-3 text-sm" data-testid="identity-prediction">
      <p className="text-slate-600 dark:text-slate-400">
        {shell
          ? `Under the ${era} rules, the model predicts for the shell as it is now, not as the switches set it:`
          : notApplied
            ? `Under the ${era} rules, the model predicts for the identity as chosen, once applied (the shell does not have it yet):`
            : `Under the ${era} rules, the model predicts for this identity:`}
      </p>
      <ul className="mt-1 space-y-1">
        {CALLS.map(([path, call]) => {
          const p = predict(era, path, subject);
          return (
            <li key={path}>
              <span className="font-mono font-semibold">{call}</span>:{" "}
              <strong>{p.errno === "0" ? "passes the permission check" : `refused (${p.errno})`}</strong>.{" "}
              {REASON_TEXT[p.reasonKey]}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

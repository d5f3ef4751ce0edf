// "What just happened": the kernel's answer to the newest exe link change, explained, with a short history.
import { useEffect, useId, useRef } from "react";
import type { Attempt } from "../core/lab-types";
import { explainPrediction, explainRecord, REASON_TEXT, recordIds } from "../core/explain";
import { shortIds } from "../core/identity-words";
import { commitLink, entryForCommit } from "../core/history";
import { KERNEL_CODE, type CheckName } from "../core/check-names";
import { compareWithKernel, rulesOfEra } from "../core/permission-model";
import { OP_NAME, errnoWords, resultColour, resultLabel } from "./attempt-words";
import { EarlierAttempts } from "./earlier-attempts";
import { CommitLink } from "./external-link";
import { showIdentityPanel } from "./busy-focus";
import { FirstSteps } from "./first-steps";
import { PathText } from "./path-text";
import { EarlierRules, EarlierShell, useShellChanged } from "./earlier-notes";
import { useServices } from "./app-context";
import { useStore } from "./use-store";

const HISTORY_SHOWN = 6;

/** A path from the record; the kernel writes "-" for none (no file behind a bad descriptor). */
const shownPath = (path: string, none = "(none)") => (path === "" || path === "-" ? none : path);

/**
 * The check in the kernel's own code (the record's names are our patch's labels). For a change let
 * through, the permission check that passed: the one the record's era asks for on that call.
 */
function inKernel(record: Attempt["record"]): string {
  const check = record.check as CheckName;
  // Own names only: the record's text is the guest's (a forged "__proto__" read the prototype).
  if (!Object.hasOwn(KERNEL_CODE, check)) return "a check this page does not know";
  if (check !== "allowed") return KERNEL_CODE[check];
  const rules = rulesOfEra(record.era);
  return rules ? `passed: ${KERNEL_CODE[rules.paths[record.op].check]}` : KERNEL_CODE.allowed;
}

/** A second change let through: what the 2016 rules changed, said where it shows (`setexe --twice`). */
function AgainAllowed({ era }: { era: number }) {
  const rules = rulesOfEra(era);
  if (!rules || rules.oneShot) return null;
  return (
    <p className="mt-1" data-testid="again-allowed">
      This process had changed its exe link before: kernels before Linux 4.10 (the 2012 and 2014 rules here)
      refused any second change with EPERM; the {era} rules allow it.
    </p>
  );
}

function Mismatch({ attempt }: { attempt: Attempt }) {
  const { record, prediction } = attempt;
  if (!prediction) return null;
  const expected = explainPrediction(prediction);
  const note = compareWithKernel(prediction, record).note;
  return (
    <div
      className="mt-3 rounded-md border-2 border-dashed border-fuchsia-700 p-2 dark:border-fuchsia-400"
      data-testid="model-mismatch"
    >
      <p className="font-bold text-fuchsia-800 dark:text-fuchsia-300">Model mismatch</p>
      <p>
        Kernel: <strong>{resultLabel(record.result)}</strong> ({record.check}) · Model predicted:{" "}
        <strong>{prediction.errno === "0" ? "pass" : prediction.errno}</strong> ({prediction.check})
      </p>
      <p className="mt-1 text-sm">{note}</p>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer">Why the model expected that</summary>
        <p>
          {expected.title}. {expected.body}
        </p>
      </details>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        The kernel&apos;s answer is what happened; the page&apos;s model of the rules is wrong here. Please
        report it with the identity and era above.
      </p>
    </div>
  );
}

function Latest({ attempt }: { attempt: Attempt }) {
  const { record } = attempt;
  const label = resultLabel(record.result);
  // A process with an identity of its own is told the way from the shell, not the page's switches.
  const explanation = explainRecord(record, { shell: attempt.shell });
  const rule = explanation.rule;
  // Its way to the switches would lead to what the shell has become since (Apply): left out then.
  const shellChanged = useShellChanged(attempt.shellThen) !== undefined;
  return (
    <div>
      <EarlierRules era={record.era} />
      <EarlierShell then={attempt.shellThen} era={record.era} />
      {attempt.earlierGuest && (
        // After a reboot the process list starts over, its pids reused: this pid is not that process.
        <p
          className="mt-2 rounded-md border-2 border-amber-600 p-2 text-sm dark:border-amber-400"
          data-testid="earlier-guest"
        >
          This answer came from the guest before it restarted: pid {record.pid} is gone, and its number may
          now be another process&apos;s.
        </p>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-x-5 gap-y-1">
        <p className={`font-mono text-5xl font-black ${resultColour(label)}`} data-testid="attempt-result">
          {label}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-base">
          <dt className="text-slate-600 dark:text-slate-400">call</dt>
          <dd className="font-mono font-semibold">{OP_NAME[record.op]}</dd>
          <dt className="text-slate-600 dark:text-slate-400">rules</dt>
          <dd>{record.era}</dd>
          <dt className="text-slate-600 dark:text-slate-400">process</dt>
          <dd className="font-mono">
            {record.comm} (pid {record.pid}), {shortIds(recordIds(record))}
          </dd>
        </dl>
      </div>
      {errnoWords(label, record.check) && (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="errno-words">
          {errnoWords(label, record.check)}
        </p>
      )}
      <p className="mt-2 font-mono text-sm [overflow-wrap:anywhere]">
        <span className="text-slate-600 dark:text-slate-400">exe: </span>
        <PathText path={shownPath(record.old)} />
        <span aria-hidden="true"> → </span>
        <span className="sr-only"> to </span>
        {label === "OK" ? (
          <strong>
            <PathText path={shownPath(record.new)} />
          </strong>
        ) : (
          // setexe --bad-fd (the terminal says "fd 999 (not open)"), or an O_PATH descriptor: not "no file asked for".
          <s>
            <PathText
              path={shownPath(
                record.new,
                record.check === "bad_fd" ? "(no file behind the descriptor)" : undefined,
              )}
            />
          </s>
        )}
        {/* The strike-through, and the bold, in words: by ear a refusal read as the change itself. */}
        <span className="sr-only">{label === "OK" ? " (changed)" : " (refused: the link is unchanged)"}</span>
        {/* A link set to the file it names (setexe /proc/self/exe, say). */}
        {record.old === record.new && record.old !== "" && (
          <span className="font-sans text-slate-600 dark:text-slate-400"> (it names this file already)</span>
        )}
      </p>
      <h3 className="mt-3 text-lg font-bold">{explanation.title}</h3>
      <p className="mt-1">{explanation.body}</p>
      {explanation.wouldPass && (
        <p className="mt-1" data-testid="would-pass">
          {/* This check: a file rule after it may still refuse (setexe --keep-mapped, --bad-fd). */}
          <strong>What would pass this check:</strong> {explanation.wouldPass}
        </p>
      )}
      {/* The shell's own refusal is mended with the switches (in 2012 MAP with the era instead). */}
      {explanation.wouldPassControl && !shellChanged && (
        <button
          type="button"
          className="btn-small mt-1"
          onClick={() => showIdentityPanel(explanation.wouldPassControl)}
        >
          To the identity switches
        </button>
      )}
      {label === "OK" && attempt.agrees === true && attempt.prediction && (
        // Which of the rule's ways the caller passed by (CAP_SYS_ADMIN standing in for
        // CAP_CHECKPOINT_RESTORE, say): the kernel's record says only "allowed".
        <p className="mt-1" data-testid="why-passed">
          {REASON_TEXT[attempt.prediction.reasonKey]}
        </p>
      )}
      {attempt.again && label === "OK" && <AgainAllowed era={record.era} />}
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Kernel check: <code>{record.check}</code> ({inKernel(record)})
        {rule && (
          <>
            {" "}
            · {explanation.ruleLabel ?? "rule"}: {rule.when}, {rule.release}
            {/* The commits the text cites, not the entry's first few (some are other rules'). */}
            {(explanation.cited ?? rule.commits.slice(0, 3).map((c) => c.id)).map((cid) => {
              // A cited commit of another entry (the one that dropped the rule, say) is not dated by
              // this one's release: it says its own.
              const owner = entryForCommit(cid) ?? rule;
              return (
                <span key={cid}>
                  {" "}
                  <CommitLink
                    id={cid}
                    href={commitLink(cid)}
                    title={owner.commits.find((c) => c.id === cid)?.role}
                  />
                  {owner !== rule && ` (${owner.release})`}
                </span>
              );
            })}
          </>
        )}
      </p>
      {attempt.agrees === false && <Mismatch attempt={attempt} />}
      {attempt.otherIdentity && (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="other-identity">
          {attempt.prediction
            ? "This process had another identity than the shell the identity panel names (it was started by runas or unshare, or from a shell started in that one, such as unshare -r sh): the model predicted from its own ids and capabilities, as the agent read them."
            : `This process had another identity than the shell the identity panel names, and ${
                record.uid !== record.euid
                  ? "its real and effective uids differ (a set-user-ID program, say), where the page's model knows one uid"
                  : "it had ended before the agent could read its capabilities"
              }: there is no prediction to compare.`}
        </p>
      )}
      {attempt.agrees === true && (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          The page&apos;s model of the rules agrees.
        </p>
      )}
    </div>
  );
}

/**
 * The sentence a screen reader hears of a new result. Where it reads the terminal's output too (the
 * page's screen-reader mode), the tool that tried (setexe) has just said the result and why: only a
 * mismatch, which nothing in the terminal says, is told again.
 */
function announce(attempt: Attempt | undefined, terminalSpeaks: boolean): string {
  if (!attempt || (terminalSpeaks && attempt.agrees !== false)) return "";
  const { record } = attempt;
  const mismatch = attempt.agrees === false ? " The model predicted otherwise: model mismatch." : "";
  return `Kernel answered ${resultLabel(record.result)} to ${OP_NAME[record.op]} from ${record.comm}, pid ${
    record.pid
  }, under the ${record.era} rules.${mismatch}`;
}

/** `terminalSpeaks`: the terminal's output is read aloud (screen-reader mode). */
export function AttemptCard({ terminalSpeaks = false }: { terminalSpeaks?: boolean }) {
  const { lab } = useServices();
  const attempts = useStore(lab.attempts);
  const id = useId();
  const latest = attempts.at(-1);
  const earlier = attempts.slice(0, -1).slice(-HISTORY_SHOWN).reverse();
  // Attempts are numbered from the page's load; the store keeps only the latest, the count is all.
  const earlierCount = (latest?.seq ?? 1) - 1;
  const ref = useRef<HTMLElement>(null);
  const latestSeq = latest?.seq;
  // A new result brings the card into view if the panels were scrolled away from it (to the identity
  // form, say): the panels alone scroll, never the page, which may be a frame in someone else's.
  // Not for the result already there when the card mounts (back from the About page, say).
  const shownSeq = useRef(latestSeq);
  useEffect(() => {
    const card = ref.current;
    const panels = card?.closest("#panels");
    if (!card || !panels || latestSeq === undefined || latestSeq === shownSeq.current) return;
    shownSeq.current = latestSeq;
    const top = card.getBoundingClientRect().top - panels.getBoundingClientRect().top;
    if (top < 0 || top > panels.clientHeight / 2) panels.scrollTop += top;
  }, [latestSeq]);

  return (
    // Focusable by script only: the result button (result-beacon.tsx) hands the keyboard to it.
    <section ref={ref} aria-labelledby={`${id}-h`} className="panel" data-testid="attempt-card" tabIndex={-1}>
      <h2 id={`${id}-h`} className="panel-title">
        What just happened
      </h2>
      {/* Screen readers hear one sentence per new result, not the whole card. */}
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announce(latest, terminalSpeaks)}
      </p>
      {latest ? <Latest key={latest.seq} attempt={latest} /> : <FirstSteps />}
      <EarlierAttempts earlier={earlier} count={earlierCount} />
    </section>
  );
}

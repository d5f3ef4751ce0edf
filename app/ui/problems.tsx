// Protocol problems (garbage lines, timeouts) kept out of the way in a small "issues" disclosure.
import { useServices } from "./app-context";
import { useStore } from "./use-store";

export function Problems() {
  const { lab } = useServices();
  const problems = useStore(lab.problems);
  if (problems.length === 0) return null;
  return (
    <details className="text-sm" data-testid="problems">
      <summary className="cursor-pointer text-amber-800 dark:text-amber-300">
        {problems.length} {problems.length === 1 ? "issue" : "issues"} talking to the guest
      </summary>
      <ol className="mt-1 max-h-40 list-decimal overflow-auto pl-6 font-mono text-xs">
        {/* Newest first: the latest is the one worth reading during a demo. */}
        {problems
          .map((text, i) => ({ text, i }))
          .reverse()
          .map(({ text, i }) => (
            <li key={i} value={i + 1} className="break-all">
              {text}
            </li>
          ))}
      </ol>
    </details>
  );
}

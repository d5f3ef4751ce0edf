// Says, under the terminal, that the copy key could not reach the clipboard here, and what does.
import type { CopyRefusal, TerminalHost } from "./terminal-host";
import { useStore } from "./use-store";

const WHY =
  "Nothing was copied: the browser keeps the clipboard from this page (a frame without clipboard access, or a page on plain http).";

/** The note for a refused copy: what else works depends on what asked (a phone has no right-click). */
export function copyRefusalText(refused: CopyRefusal): string {
  if (!refused) return "";
  return refused === "selection"
    ? `${WHY} Right-click the selection and choose Copy.`
    : `${WHY} Open the lab in a tab of its own to copy from it.`;
}

export function CopyNote({ host }: { host: TerminalHost }) {
  const refused = useStore(host.copyRefused);
  // Mounted and empty when there is nothing to say, as LongLineNote is, for screen readers' sake.
  return (
    <p
      role="status"
      className="font-semibold text-amber-800 empty:sr-only dark:text-amber-300"
      data-testid="copy-refused"
    >
      {copyRefusalText(refused)}
    </p>
  );
}

// Says, under the terminal, that the copy key could not reach the clipboard here, and what does.
import type { TerminalHost } from "./terminal-host";
import { useStore } from "./use-store";

export function CopyNote({ host }: { host: TerminalHost }) {
  const refused = useStore(host.copyRefused);
  // Mounted and empty when there is nothing to say, as LongLineNote is, for screen readers' sake.
  return (
    <p
      role="status"
      className="font-semibold text-amber-800 empty:sr-only dark:text-amber-300"
      data-testid="copy-refused"
    >
      {refused &&
        "Nothing was copied: the browser keeps the clipboard from this page (a frame without clipboard access, or a page on plain http). Right-click the selection and choose Copy."}
    </p>
  );
}

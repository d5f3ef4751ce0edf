// Says, under the terminal, that the line typed or pasted is longer than the guest's shell takes.
import { SHELL_LINE_LIMIT } from "../core/line-limit";
import type { TerminalHost } from "./terminal-host";
import { useStore } from "./use-store";

export function LongLineNote({ host }: { host: TerminalHost }) {
  const long = useStore(host.longLine.shown);
  // The status region stays mounted, empty when there is nothing to say: screen readers announce
  // text put into a live region, not always one inserted with its text. Empty, it is out of sight
  // and takes no room (sr-only), but stays in the accessibility tree, which display:none would not.
  return (
    <p
      role="status"
      className="font-semibold text-amber-800 empty:sr-only dark:text-amber-300"
      data-testid="long-line"
    >
      {long &&
        `That line is longer than the shell takes (${SHELL_LINE_LIMIT.toLocaleString("en")} bytes): it kept the start and dropped the rest, so Enter runs it cut short. Split it over lines: a backslash at a line's end continues it on the next.`}
    </p>
  );
}

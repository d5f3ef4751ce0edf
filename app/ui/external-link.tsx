// Links that leave exelab open in a new tab: following one must not kill the running guest (or the embedding page).
import { useState, type MouseEvent, type ReactNode } from "react";

interface ExternalLinkProps {
  href: string;
  children: ReactNode;
  title?: string;
  className?: string;
  /** The link's name where its text is not one (a commit's hash). */
  label?: string;
  /**
   * Where the page may not open tabs, the address is shown over what follows, not in the line (a
   * heading's line would grow, and the frame's page with it), until closed.
   */
  overlay?: boolean;
}

export function ExternalLink({
  href,
  children,
  title,
  className = "link",
  label,
  overlay = false,
}: ExternalLinkProps) {
  const [refused, setRefused] = useState(false);
  // A frame sandboxed without allow-popups (or a popup blocker) drops the new tab without a word:
  // opened here instead, so that a refusal can be seen and the address given to copy.
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const tab = window.open(href, "_blank");
    if (tab) tab.opener = null;
    setRefused(tab === null);
  };
  return (
    <>
      <a
        href={href}
        title={title}
        // A name of its own replaces the text inside, the hidden words below with it.
        aria-label={label === undefined ? undefined : `${label} (opens in a new tab)`}
        className={className}
        target="_blank"
        rel="noopener noreferrer"
        onClick={open}
      >
        {children}
        <span className="sr-only"> (opens in a new tab)</span>
      </a>
      {refused && (
        <span
          role="status"
          className={
            overlay
              ? "absolute top-full left-0 z-20 mt-1 w-max max-w-[min(28rem,calc(100vw-1rem))] rounded border border-amber-600 bg-amber-50 p-2 text-sm font-normal text-amber-900 shadow dark:bg-slate-900 dark:text-amber-300"
              : "ml-1 text-sm text-amber-800 dark:text-amber-300"
          }
          data-testid="link-refused"
        >
          (this page may not open tabs here; the address: <span className="select-all break-all">{href}</span>
          )
          {overlay && (
            <button type="button" className="btn-small ml-2" onClick={() => setRefused(false)}>
              Close
            </button>
          )}
        </span>
      )}
    </>
  );
}

/**
 * A kernel commit shown by its short hash, named "commit HASH" for screen readers (a hash alone is no
 * name). By aria-label: a hidden word inside the link split it over two lines, where a click at its
 * middle met the text around it.
 */
export function CommitLink({ id, href, title }: { id: string; href: string; title?: string }) {
  return (
    <ExternalLink className="link font-mono" href={href} title={title} label={`commit ${id}`}>
      {id}
    </ExternalLink>
  );
}

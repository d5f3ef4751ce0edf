// Links that leave exelab open in a new tab: following one must not kill the running guest (or the embedding page).
import type { ReactNode } from "react";

interface ExternalLinkProps {
  href: string;
  children: ReactNode;
  title?: string;
  className?: string;
}

export function ExternalLink({ href, children, title, className = "link" }: ExternalLinkProps) {
  return (
    <a href={href} title={title} className={className} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

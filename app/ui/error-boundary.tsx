// Catches render errors so a bug shows a message and a reload button, never a blank page.
import { Component, createRef, type ErrorInfo, type ReactNode } from "react";
import { keyboardIsOurs } from "./busy-focus";
import { offlineCopyDroppable, reloadWithoutOfflineCopy } from "./offline-copy";

interface Props {
  children: ReactNode;
  /** What failed, for the message: "The page" or "The timeline". */
  what?: string;
  /** Before Try again renders the children again: a lazily loaded part loads again (see app.tsx). */
  onRetry?: () => void;
  /** A way on beside the buttons: the about page's way back to the lab. */
  extra?: ReactNode;
  /** What failed is the page on show (the about page, the lab's h1 hidden): its heading is the page's h1. */
  page?: boolean;
}

interface State {
  error?: Error;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = {};
  private readonly heading = createRef<HTMLHeadingElement>();

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // Keep the stack in the console for bug reports; the user sees the short message.
    console.error(error, info.componentStack);
  }

  componentDidUpdate(_props: Props, before: State): void {
    // The keyboard was on what failed, or on a control that went with it (Try again, the About link
    // of a page now hidden): on <body> no key does anything. The message is where it is needed.
    const at = document.activeElement;
    if (!before.error && this.state.error && (!at || at === document.body) && keyboardIsOurs())
      this.heading.current?.focus();
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const Heading = this.props.page ? "h1" : "h2";
    return (
      <div role="alert" className="m-4 rounded-lg border-2 border-red-600 p-4">
        <Heading ref={this.heading} tabIndex={-1} className="text-xl font-bold outline-none">
          {this.props.what ?? "This part of the page"} failed to show.
        </Heading>
        {/* A chunk that did not arrive (Chromium's words, then Firefox's and Safari's): said plainly first. */}
        {/dynamically imported module|module script failed|error loading dynamically/i.test(
          error.message,
        ) && (
          <p className="mt-2">
            Its code could not be loaded: the network went, or the site was updated since this page loaded.
          </p>
        )}
        <p className="mt-2 font-mono text-sm break-all">{error.message}</p>
        <div className="mt-3 flex gap-2">
          <button
            type="button"
            className="btn-primary"
            onClick={() => {
              this.props.onRetry?.();
              this.setState({ error: undefined });
            }}
          >
            Try again
          </button>
          <button type="button" className="btn-small" onClick={() => window.location.reload()}>
            Reload the page
          </button>
          {/* A damaged file in the offline copy would come back with both: served cache-first. */}
          {offlineCopyDroppable() && (
            <button type="button" className="btn-small" onClick={reloadWithoutOfflineCopy}>
              Reload without the offline copy
            </button>
          )}
          {this.props.extra}
        </div>
      </div>
    );
  }
}

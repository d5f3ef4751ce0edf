// The React page around the terminal: mounted once the terminal is up (see main.ts), in its own chunk.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { Lab } from "../core/lab-types";
import type { Store } from "../core/store";
import { App } from "./app";
import { ErrorBoundary } from "./error-boundary";
import type { TerminalHost } from "./terminal-host";
import type { ViewState } from "./view-state";

export interface AppRootProps {
  lab: Lab;
  view: Store<ViewState>;
  host: TerminalHost;
  /** URL parameters that were ignored, to tell the user. */
  ignored: readonly string[];
}

/** Replaces what `root` shows (the boot frame) with the whole page; the terminal moves into it. */
export function renderApp(root: HTMLElement, props: AppRootProps): void {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary what="exelab">
        <App {...props} />
      </ErrorBoundary>
    </StrictMode>,
  );
}

// The terminal's place in the layout: adopts the page's one terminal (terminal-host.ts) and its settings.
import { useEffect, useLayoutEffect, useRef } from "react";
import type { TerminalHost } from "./terminal-host";
import type { Theme } from "./theme";

interface TerminalProps {
  host: TerminalHost;
  fontSize: number;
  theme: Theme;
  screenReader: boolean;
  /** Called when a keyboard user asks to leave the terminal (xterm keeps Tab for the shell). */
  onLeave: (backwards: boolean) => void;
}

export default function Terminal({ host, fontSize, theme, screenReader, onLeave }: TerminalProps) {
  const boxRef = useRef<HTMLDivElement>(null);

  // The xterm was made (and may already show the guest's screen) before React loaded: move it here,
  // before the browser paints, so no frame goes by without it.
  useLayoutEffect(() => {
    const box = boxRef.current;
    return box ? host.mount(box) : undefined;
  }, [host]);

  useEffect(() => host.setLeaveHandler(onLeave), [host, onLeave]);

  useEffect(() => host.setFontSize(fontSize), [host, fontSize]);
  useEffect(() => host.setTheme(theme), [host, theme]);
  useEffect(() => host.setScreenReaderMode(screenReader), [host, screenReader]);

  return (
    <div
      id="terminal"
      // Focusable by script only (skip link); focus goes on to xterm's own textarea.
      tabIndex={-1}
      onFocus={(event) => {
        if (event.target === event.currentTarget) host.focus();
      }}
      className={`terminal-frame h-full min-h-0 w-full overflow-hidden rounded-lg p-2 outline-none focus-within:ring-4 focus-within:ring-sky-700 dark:focus-within:ring-sky-400 ${
        theme === "dark" ? "bg-[#0b1120]" : "border border-slate-300 bg-white"
      }`}
    >
      <div ref={boxRef} className="h-full w-full" />
    </div>
  );
}

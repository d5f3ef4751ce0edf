// Types for xterm's own keyboard code (shipped as source in its package), which terminal-keys.test.ts
// compares the light screen's keys with; declared here so the type check does not compile xterm.
declare module "xterm-internal/keyboard" {
  export function evaluateKeyboardEvent(
    event: import("./terminal-keys").KeyLike,
    applicationCursorMode: boolean,
    isMac: boolean,
    macOptionIsMeta: boolean,
  ): { type: number; cancel: boolean; key: string | undefined };
}

// Types for xterm's own keyboard code (shipped as source in its package), which terminal-keys.test.ts
// compares the light screen's keys with; declared here so the type check does not compile xterm.
declare module "xterm-internal/keyboard" {
  interface KeyboardEventLike {
    type: string;
    key: string;
    keyCode: number;
    code: string;
    ctrlKey: boolean;
    shiftKey: boolean;
    altKey: boolean;
    metaKey: boolean;
  }
  export function evaluateKeyboardEvent(
    event: KeyboardEventLike,
    applicationCursorMode: boolean,
    isMac: boolean,
    macOptionIsMeta: boolean,
  ): { type: number; cancel: boolean; key: string | undefined };
}

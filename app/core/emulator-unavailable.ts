// Names a failure to load the emulator itself: every way to start the guest needs it, a cold boot too.

/** How a failure to load the emulator itself begins: every way of starting the guest needs it. */
const EMULATOR_UNAVAILABLE = "could not load the emulator";

/** A failure to load a part of the emulator (v86.wasm, v86's code, the worker's own code). */
export const emulatorUnavailable = (part: string, reason: string): string =>
  `${EMULATOR_UNAVAILABLE} (${part}): ${reason}`;

/** Whether a start failed for want of the emulator (then a cold boot fails too, the same way). */
export const isEmulatorUnavailable = (message: string | undefined): boolean =>
  message?.includes(EMULATOR_UNAVAILABLE) ?? false;

/** How an error of the worker begins once it has spoken: the emulator failed as it ran. */
export const WORKER_FAILED = "the emulator's worker failed: ";

/** How an error of the worker begins before it has spoken (its code threw), before the message. */
export const WORKER_CODE_FAILED = emulatorUnavailable("its worker's code", "it failed as it started: ");

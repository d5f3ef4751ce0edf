// Tells when a shell the agent has just restarted shows its prompt, so keys typed meanwhile can wait.
//
// The agent answers a `shell` request as soon as it has forked the new shell, long before that shell
// reads the terminal: keys sent then are echoed by the tty in its cooked mode, around the agent's
// banner, and once more by the shell's line editing after its prompt. Its prompt on the console is
// the one sign that it reads keys the way a learner expects.
import type { GuestSession } from "./session-launcher";

/**
 * What the agent writes before each new shell (vm-images/guest/agent-notes.inc): its terminal reset
 * ends in "\r\n" and an erase below ("\u001b[J"), then the line "---- new shell: …" (term_note), or,
 * for the page's first start, the screen and its scrollback cleared (term_clear).
 */
// eslint-disable-next-line no-control-regex -- the erase is an escape sequence
const BANNER = /(?:\n|\u001b\[J)---- new shell: |\u001b\[H\u001b\[2J\u001b\[3J/;
/** How every prompt of the guest's shell ends (PS1 in /etc/shrc: "[uid 0] ~ # "). */
const PROMPT_END = /[$#] $/;
/** What busybox's line editing asks the terminal right after its prompt (where is the cursor?). */
const CURSOR_QUESTION = "\u001b[6n";
/** Enough of the console's latest text to find the banner split across chunks. */
const TAIL = 64;

/**
 * Follows the console's text: done once the banner and, after it, a prompt have been written (or,
 * with `afterBanner` false, a prompt alone: the first shell of a cold boot has no banner).
 */
export class PromptWatch {
  private tail = "";
  private bannerSeen: boolean;

  constructor(afterBanner = true) {
    this.bannerSeen = !afterBanner;
  }

  /** Takes the next console text; true once the new shell's prompt is on screen. */
  push(text: string): boolean {
    this.tail = (this.tail + text).slice(-TAIL * 4);
    if (!this.bannerSeen) {
      const banner = BANNER.exec(this.tail);
      if (!banner) {
        this.tail = this.tail.slice(-TAIL);
        return false;
      }
      this.bannerSeen = true;
      this.tail = this.tail.slice(banner.index + banner[0].length);
      // The banner's own line ends with "----", never with a prompt's end.
    }
    // The cursor question is the line editor starting to read: the surest sign, whatever the prompt
    // looks like or whatever the editor draws after it (a redraw on a new window size, say).
    if (this.tail.includes(CURSOR_QUESTION)) return true;
    return PROMPT_END.test(this.tail);
  }
}

/**
 * A prompt watch fed console chunks: `prompt` resolves with true once one has gone by, or with false
 * after maxMs.
 */
interface FedPromptWatch {
  feed(bytes: Uint8Array): void;
  prompt: Promise<boolean>;
}

function fedPromptWatch(afterBanner: boolean, maxMs: number): FedPromptWatch {
  const watch = new PromptWatch(afterBanner);
  const decoder = new TextDecoder();
  let seen = false;
  let resolve = (_seen: boolean) => {};
  const prompt = new Promise<boolean>((r) => (resolve = r));
  const cap = setTimeout(() => resolve(false), maxMs);
  return {
    feed(bytes) {
      if (seen || !watch.push(decoder.decode(bytes, { stream: true }))) return;
      seen = true;
      clearTimeout(cap);
      resolve(true);
    },
    prompt,
  };
}

/**
 * Resolves with true once the session's console shows a new shell's prompt, or with false after maxMs
 * (a prompt changed by hand, a shell that fails to start: keys must not wait for ever). Start it
 * before the request.
 */
export function promptAfterRestart(session: GuestSession, maxMs: number): Promise<boolean> {
  const watch = fedPromptWatch(true, maxMs);
  const off = session.onConsole((bytes) => watch.feed(bytes));
  // In a microtask after the resolution: held output may arrive within onConsole, before `off` exists.
  return watch.prompt.finally(() => off());
}

/**
 * A cold boot's first shell has no banner, and its prompt may come in output the session held for
 * its first listener (the terminal): `feed` gets every console chunk beside the terminal, and
 * `prompt` resolves once a prompt has gone by, or after maxMs.
 */
export function firstPromptWatch(maxMs: number): FedPromptWatch {
  return fedPromptWatch(false, maxMs);
}

// Where the keys typed into the terminal go: the shell that reads them now, or a queue until one does.
import type { GuestSession } from "./session-launcher";

/**
 * Keys are never dropped on the way to a shell: while none takes them (start-up, a shell being
 * replaced) they wait, in order, and go to the next one opened. Keys a shell was given before it was
 * confirmed (a restored guest before it answered) are kept too: if it fails after all, they go to
 * the shell that replaces it (the first one is gone, and so is what it did).
 */
export class ConsoleInput {
  private held: string[] = [];
  private unconfirmed: string[] = [];
  private session: GuestSession | undefined;

  /** `confirmed` says whether the open shell will stay (the guest is up), so what it gets is its own. */
  constructor(private readonly confirmed: () => boolean) {}

  get isOpen(): boolean {
    return this.session !== undefined;
  }

  /** Keys go to `session` from now on, those held first. */
  open(session: GuestSession): void {
    this.session = session;
    const held = this.held;
    this.held = [];
    for (const text of held) this.send(session, text);
  }

  /** Keys wait from now on, until open(). */
  hold(): void {
    this.session = undefined;
  }

  /**
   * The open shell is gone (replaced by a cold boot, or the guest stopped or failed): what it was
   * given unconfirmed waits for the next one, with the keys held.
   */
  reclaim(): void {
    this.session = undefined;
    this.held = [...this.unconfirmed, ...this.held];
    this.unconfirmed = [];
  }

  /** The shell stays: nothing it was given needs to be given again. */
  confirm(): void {
    this.unconfirmed = [];
  }

  type(text: string): void {
    if (this.session) this.send(this.session, text);
    else this.held.push(text);
  }

  private send(session: GuestSession, text: string): void {
    if (!this.confirmed()) this.unconfirmed.push(text);
    session.sendConsole(new TextEncoder().encode(text));
  }
}

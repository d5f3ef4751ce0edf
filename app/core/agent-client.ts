// Host side of the control channel: numbered requests with timeouts, and typed guest events.
import {
  LineSplitter,
  ProtocolError,
  decodeGuestLine,
  encodeRequest,
  encodeValue,
  type GuestEvent,
  type Request,
} from "./protocol";
import type { Unsubscribe } from "./store";

export class AgentError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface AgentTransport {
  send(bytes: Uint8Array): void;
  onBytes(listener: (bytes: Uint8Array) => void): Unsubscribe;
}

interface Pending {
  resolve: (fields: Record<string, string>) => void;
  reject: (err: AgentError) => void;
  timer: ReturnType<typeof setTimeout>;
}

const MAX_LATE = 256;

export class AgentClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /**
   * Requests made while held (the guest paused): neither sent nor timed until release(), so a
   * guest that cannot answer is not taken for a silent one.
   */
  private queued: Array<{ send: () => void; reject: (err: AgentError) => void }> | undefined;
  /**
   * Requests given up on: a busy guest answers them late, which is no problem to report (the
   * heartbeat's hellos alone made a dozen of them while the learner's programs had the CPU).
   */
  private readonly late = new Set<number>();
  private readonly eventListeners = new Set<(event: GuestEvent) => void>();
  private readonly problemListeners = new Set<(problem: string) => void>();
  private readonly splitter: LineSplitter;
  private readonly unsubscribe: Unsubscribe;

  constructor(private readonly transport: AgentTransport) {
    this.splitter = new LineSplitter(
      (line) => this.handleLine(line),
      (prefix) => this.report(`the guest sent an over-long line starting "${prefix}"`),
    );
    this.unsubscribe = transport.onBytes((bytes) => {
      for (const b of bytes) this.splitter.push(b);
    });
  }

  /** Sends a request; resolves with the `ok` fields, rejects with the guest's error or a timeout. */
  request(req: Request, timeoutMs = 5000): Promise<Record<string, string>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const send = () => {
        const timer = setTimeout(() => {
          this.pending.delete(id);
          this.late.add(id);
          // Kept to the last few hundred: ids only grow, and a reply that late is as good as none.
          if (this.late.size > MAX_LATE) this.late.delete(this.late.values().next().value as number);
          reject(
            new AgentError(`the guest did not answer "${req.type}" within ${timeoutMs} ms`, "ETIMEDOUT"),
          );
        }, timeoutMs);
        this.pending.set(id, { resolve, reject, timer });
        this.transport.send(new TextEncoder().encode(encodeRequest(id, req)));
      };
      if (this.queued) this.queued.push({ send, reject });
      else send();
    });
  }

  /** Requests sent and not yet answered, and requests held back. */
  get waiting(): number {
    return this.pending.size + (this.queued?.length ?? 0);
  }

  /** From now until release(), requests wait unsent (see `queued`). */
  hold(): void {
    this.queued ??= [];
  }

  /** Sends what waited, in order; each one's time to answer starts now. */
  release(): void {
    const queued = this.queued ?? [];
    this.queued = undefined;
    for (const q of queued) q.send();
  }

  /** Sends bytes as they are: only for tests of how the guest copes with garbage. */
  sendRaw(bytes: Uint8Array): void {
    this.transport.send(bytes);
  }

  onEvent(listener: (event: GuestEvent) => void): Unsubscribe {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Lines that could not be understood, and replies nobody waited for, in plain words. */
  onProblem(listener: (problem: string) => void): Unsubscribe {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe();
    const queued = this.queued ?? [];
    this.queued = undefined;
    for (const q of queued) q.reject(new AgentError("the session ended", "ECANCELED"));
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new AgentError("the session ended", "ECANCELED"));
      this.pending.delete(id);
    }
  }

  private report(problem: string): void {
    for (const l of [...this.problemListeners]) l(problem);
  }

  private handleLine(line: string): void {
    if (line.replace(/\r$/, "") === "") return;
    let msg;
    try {
      msg = decodeGuestLine(line);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      this.report(`ignored a line from the guest (${err.message}): ${encodeValue(line.slice(0, 80))}`);
      return;
    }
    if (msg.type === "ok" || msg.type === "err") {
      const p = this.pending.get(msg.id);
      if (!p) {
        if (!this.late.delete(msg.id))
          this.report(`the guest answered request ${msg.id}, which nobody is waiting for`);
        return;
      }
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.type === "ok") p.resolve(msg.fields);
      else p.reject(new AgentError(msg.msg || msg.code, msg.code));
      return;
    }
    if (msg.type === "garbage") this.report(`the guest could not parse what it received: ${msg.reason}`);
    for (const l of [...this.eventListeners]) {
      // One listener's failure is not the others', nor the rest of the guest's bytes: a throw here
      // would leave this line in the splitter, glued to the next, and drop what came after it.
      try {
        l(msg);
      } catch (err) {
        this.report(`the page failed on the guest's "${msg.type}" line: ${(err as Error).message}`);
      }
    }
  }
}

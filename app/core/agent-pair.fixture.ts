// Test fixture: an AgentClient over an in-memory transport, with what it sent and a way to answer.
import { AgentClient } from "./agent-client";

export function agentPair() {
  const sent: string[] = [];
  let deliver: (bytes: Uint8Array) => void = () => {};
  const client = new AgentClient({
    send: (bytes) => sent.push(new TextDecoder().decode(bytes)),
    onBytes: (l) => {
      deliver = l;
      return () => {};
    },
  });
  /** Lines as the guest's agent writes them. */
  const guest = (text: string) => deliver(new TextEncoder().encode(text));
  return { client, sent, guest };
}

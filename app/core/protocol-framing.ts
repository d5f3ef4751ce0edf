// The control protocol's framing, as protocol.ts specifies it: percent-encoded values, key=value lines,
// and a byte stream cut into lines.

/** The longest line either side sends or takes, "\n" excluded. */
export const MAX_LINE = 4096;

export class ProtocolError extends Error {}

const SAFE = /^[A-Za-z0-9._/:@+,-]$/;

export function encodeValue(value: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && SAFE.test(ch) ? ch : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

export function decodeValue(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (value[i] === "%") {
      const hex = value.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new ProtocolError(`bad escape at ${i}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ch > 0x20 && ch < 0x7f) {
      bytes.push(ch);
    } else {
      throw new ProtocolError(`raw byte 0x${ch.toString(16)} in value`);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Splits a line into its type and decoded fields; throws ProtocolError on malformed input. */
export function parseLine(raw: string): { type: string; fields: Record<string, string> } {
  const line = raw.replace(/\n$/, "").replace(/\r$/, "");
  if (line.length === 0) throw new ProtocolError("empty line");
  if (line.length > MAX_LINE) throw new ProtocolError("line too long");
  const [type, ...rest] = line.split(" ");
  if (!/^[a-z_]+$/.test(type)) throw new ProtocolError(`bad message type "${type.slice(0, 20)}"`);
  const fields: Record<string, string> = {};
  for (const part of rest) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new ProtocolError(`field without "=": "${part.slice(0, 20)}"`);
    const key = part.slice(0, eq);
    if (!/^[a-z_]+$/.test(key)) throw new ProtocolError(`bad key "${key.slice(0, 20)}"`);
    fields[key] = decodeValue(part.slice(eq + 1));
  }
  return { type, fields };
}

export function formatLine(type: string, fields: Record<string, string | number>): string {
  const parts = [type];
  for (const [key, value] of Object.entries(fields)) parts.push(`${key}=${encodeValue(String(value))}`);
  return parts.join(" ") + "\n";
}

/** Turns a byte stream into lines; over-long lines are cut and reported, never buffered forever. */
export class LineSplitter {
  private buf: number[] = [];
  private overflow = false;
  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: (prefix: string) => void,
  ) {}

  push(byte: number): void {
    if (byte === 0x0a) {
      const text = String.fromCharCode(...this.buf);
      if (this.overflow) this.onOverflow(text.slice(0, 80));
      else this.onLine(text);
      this.buf = [];
      this.overflow = false;
      return;
    }
    if (this.buf.length < MAX_LINE) this.buf.push(byte);
    else this.overflow = true;
  }
}

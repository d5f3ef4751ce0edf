// Our SHA-256 gives the standard's digests: its test vectors, and node's for sizes around block edges.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256 } from "./sha256";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("sha256", () => {
  it("matches FIPS 180-4's examples", () => {
    const text = (s: string) => hex(sha256(new TextEncoder().encode(s)));
    expect(text("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(text("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("matches node's digest at every length around the 64-byte blocks and for a large input", () => {
    const lengths = [...Array.from({ length: 140 }, (_, i) => i), 1000, 65_537, 1_000_003];
    for (const length of lengths) {
      const data = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
      expect(hex(sha256(data)), `${length} bytes`).toBe(createHash("sha256").update(data).digest("hex"));
    }
  });
});

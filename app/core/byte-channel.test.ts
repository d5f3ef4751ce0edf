// ByteChannel tests: bytes batched per turn, held for the first listener, dropped when cleared.
import { describe, expect, it } from "vitest";
import { ByteChannel } from "./byte-channel";

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("ByteChannel", () => {
  it("batches bytes pushed in one turn into one chunk", async () => {
    const channel = new ByteChannel();
    const chunks: number[][] = [];
    channel.on((c) => chunks.push([...c]));
    for (const b of [104, 105, 10]) channel.push(b);
    await flush();
    expect(chunks).toEqual([[104, 105, 10]]);
  });

  it("keeps what arrived before anyone listened for the first listener, in order", async () => {
    const channel = new ByteChannel();
    channel.push(1);
    await flush();
    channel.pushChunk(Uint8Array.of(2, 3));
    const got: number[] = [];
    channel.on((c) => got.push(...c));
    channel.pushChunk(Uint8Array.of(4));
    expect(got).toEqual([1, 2, 3, 4]);
    const late: number[] = [];
    channel.on((c) => late.push(...c));
    expect(late).toEqual([]);
  });

  it("gives a chunk to every listener when one throws, then throws its error", () => {
    const channel = new ByteChannel();
    const got: number[] = [];
    channel.on(() => {
      throw new Error("a panel failed");
    });
    channel.on((c) => got.push(...c));
    expect(() => channel.pushChunk(Uint8Array.of(7))).toThrow("a panel failed");
    expect(() => channel.pushChunk(Uint8Array.of(8))).toThrow("a panel failed");
    expect(got).toEqual([7, 8]);
  });

  it("drops listeners and held bytes when cleared", () => {
    const channel = new ByteChannel();
    channel.pushChunk(Uint8Array.of(9));
    channel.clear();
    const got: number[] = [];
    channel.on((c) => got.push(...c));
    expect(got).toEqual([]);
  });
});

// Tests the console feed: bytes go to the UART only while it has room, in order, and drop together.
import { describe, expect, it } from "vitest";
import { ConsoleFeed, UART_QUEUE_MAX, type UartInput } from "./console-feed";

function feedWith(uart: UartInput | undefined) {
  const feed = new ConsoleFeed(
    () => uart,
    (bytes) => uart?.input.push(...bytes),
  );
  return feed;
}

describe("ConsoleFeed", () => {
  it("gives the UART at most its bound, more only once the guest has read it all, in order", () => {
    const uart: UartInput = { input: [] };
    const feed = feedWith(uart);
    const paste = Uint8Array.from({ length: 150_000 }, (_, i) => i % 251);
    feed.push(paste.subarray(0, 100_000));
    feed.push(paste.subarray(100_000));
    const read: number[] = [];
    while (uart.input.length > 0) {
      expect(uart.input.length).toBeLessThanOrEqual(UART_QUEUE_MAX);
      // The guest reads some of it, then the emulator's slice ends: nothing more until it is empty.
      read.push(...uart.input.splice(0, 1000));
      const left = uart.input.length;
      feed.pump();
      if (left > 0) expect(uart.input.length).toBe(left);
    }
    expect(feed.waiting).toBe(false);
    expect(read).toEqual([...paste]);
  });

  it("gives each byte once, in order, when giving one calls it back (v86 wakes and asks for more)", () => {
    const uart: UartInput = { input: [] };
    const feed: ConsoleFeed = new ConsoleFeed(
      () => uart,
      (bytes) => {
        for (const b of bytes) {
          uart.input.push(b);
          feed.pump();
        }
      },
    );
    feed.push(Uint8Array.of(1, 2, 3));
    feed.push(Uint8Array.of(4, 5));
    expect(uart.input).toEqual([1, 2, 3]);
    uart.input.length = 0;
    feed.pump();
    expect(uart.input).toEqual([4, 5]);
  });

  it("drops what waits and what the UART holds", () => {
    const uart: UartInput = { input: [] };
    const feed = feedWith(uart);
    feed.push(new Uint8Array(10_000));
    feed.drop();
    feed.pump();
    expect(uart.input).toEqual([]);
    expect(feed.waiting).toBe(false);
    feed.push(Uint8Array.of(1, 2));
    expect(uart.input).toEqual([1, 2]);
  });

  it("sends everything at once when the UART cannot be seen", () => {
    const sent: number[] = [];
    const feed = new ConsoleFeed(
      () => undefined,
      (bytes) => sent.push(bytes.length),
    );
    feed.push(new Uint8Array(10_000));
    expect(sent).toEqual([10_000]);
    expect(feed.waiting).toBe(false);
  });
});

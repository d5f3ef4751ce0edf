// Stands in for a Worker in tests: records what the page sends, and lets a test speak for the worker.
export class FakeWorker {
  sent: unknown[] = [];
  terminated = false;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  postMessage(m: unknown) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  say(data: unknown) {
    this.onmessage?.({ data });
  }
}

export const asWorker = (w: FakeWorker) => w as unknown as Worker;

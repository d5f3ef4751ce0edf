// Test projects: unit (pure logic), guest (the real kernel in v86 under Node), browser (Chromium).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The unit tests compare the light screen's keys with xterm's own keyboard code, shipped as source in
// its package; its files import each other as "common/…" (types: app/ui/xterm-keyboard.d.ts).
const xtermCommon = fileURLToPath(new URL("./node_modules/@xterm/xterm/src/common/", import.meta.url));

// A test left focused with .only must fail the run, not quietly skip every other test (lint refuses
// .only and .skip too). Set per project: the root's setting does not reach them.
const allowOnly = false;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          allowOnly,
          alias: [
            { find: "xterm-internal/keyboard", replacement: `${xtermCommon}input/Keyboard.ts` },
            { find: /^common\//, replacement: xtermCommon },
          ],
          include: ["app/**/*.test.ts", "tests/unit/**/*.test.ts", "vm-images/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "guest",
          allowOnly,
          include: ["tests/guest/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "browser",
          allowOnly,
          include: ["tests/browser/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

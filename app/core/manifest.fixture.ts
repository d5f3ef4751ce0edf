// Test fixture: the smallest manifest vm:build could write (kernel, BIOS and a saved state), as raw JSON.

export const manifestJson = {
  format: 1,
  v86: { version: "0.5.462", options: { memory_size: 33554432, cmdline: "console=ttyS0" } },
  files: {
    bzimage: { name: "kernel-a.bzImage", sha256: "a".repeat(64), size: 10 },
    bios: { name: "seabios-b.bin", sha256: "b".repeat(64), size: 10 },
    state: {
      name: "state-c.bin.zst",
      sha256: "c".repeat(64),
      size: 10,
      console: "$ ",
      era: 2020,
      rawSize: 40,
    },
  },
};

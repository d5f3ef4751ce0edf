#!/usr/bin/env node
// The kernel build's gzip (make KGZIP=…): stdin to stdout as a gzip file of stored deflate blocks.
//
// Why: in v86 the bzImage's decompressor was a third of a cold boot (gunzip of ~4.2 MB of kernel
// and built-in initramfs, 0.7-1.1 s of a 2.2-2.8 s boot on a 2.1 GHz Xeon). Stored blocks inflate
// as plain copies. The bzImage is then 4.2 MB instead of 1.9, so write-manifest.mjs keeps it in
// zstd -19 for the wire (1.7 MB), and the page unpacks it with v86's own zstd decoder (as it does
// the saved state) before the emulator starts. The options make passes (-n -f -9) are ignored:
// there is no name or time to leave out, and no level to choose.
import { readFileSync } from "node:fs";

const input = readFileSync(0);

// CRC-32 (IEEE 802.3, as gzip's trailer wants); Node 20 has no zlib.crc32.
const table = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
let crc = 0xffffffff;
for (const byte of input) crc = table[(crc ^ byte) & 0xff] ^ (crc >>> 8);
crc = (crc ^ 0xffffffff) >>> 0;

const BLOCK = 0xffff; // a stored block's largest length
const blocks = Math.max(1, Math.ceil(input.length / BLOCK));
const out = Buffer.alloc(10 + blocks * 5 + input.length + 8);
// Header: magic, deflate, no flags, mtime 0, no extra flags, OS "unknown" (255): the same bytes
// wherever it is built.
out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255], 0);
let at = 10;
for (let i = 0; i < blocks; i++) {
  const chunk = input.subarray(i * BLOCK, (i + 1) * BLOCK);
  out[at] = i === blocks - 1 ? 1 : 0; // BFINAL on the last; BTYPE 00 = stored
  out.writeUInt16LE(chunk.length, at + 1);
  out.writeUInt16LE(~chunk.length & 0xffff, at + 3);
  out.set(chunk, at + 5);
  at += 5 + chunk.length;
}
out.writeUInt32LE(crc, at);
out.writeUInt32LE(input.length >>> 0, at + 4);
process.stdout.write(out);

// Saves the booted guest as public/vm/state-<hash>.bin.zst so the page starts in a fraction of a second.
// Boots the kernel just built under Node, waits for the agent and the shell prompt, saves, compresses
// with zstd -19, and records the file (and the console text to replay) in the manifest.
import { execFileSync } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { V86 } from "v86";
import { AgentClient } from "../app/core/agent-client";
import { waitForReady } from "../app/core/guest-boot";
import { parseManifest } from "../app/core/manifest";
import { VmSession, type V86Constructor } from "../app/core/vm-session";
import { unzstd } from "../app/core/zstd-decode";

const ROOT = new URL("..", import.meta.url).pathname;
const VM_DIR = join(ROOT, "public/vm");
const MANIFEST = join(VM_DIR, "manifest.json");

function read(name: string): ArrayBuffer {
  const b = readFileSync(join(VM_DIR, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

function sha256(data: Buffer): string {
  return execFileSync("sha256sum", { input: data }).toString().split(" ")[0];
}

async function main(): Promise<void> {
  const raw = JSON.parse(readFileSync(MANIFEST, "utf8"));
  const manifest = parseManifest(raw);
  // write-manifest.mjs kept the previous state when it was made from exactly these inputs.
  if (manifest.files.state && !process.env.FORCE_STATE) {
    console.log(`make-state: kept ${manifest.files.state.name} (same kernel, BIOS, options, v86 and maker)`);
    process.exit(0);
  }
  const wasmPath = join(ROOT, "node_modules/v86/build/v86.wasm");
  // The kernel is kept in zstd (write-manifest.mjs); v86 takes it unpacked, as the page gives it.
  const kernel = read(manifest.files.bzimage.name);
  const bzimage = unzstd(await WebAssembly.compile(readFileSync(wasmPath)), kernel) ?? kernel;
  const session = new VmSession({
    V86: V86 as unknown as V86Constructor,
    manifest,
    images: { bzimage, bios: read(manifest.files.bios.name) },
    wasmPath,
  });
  const agent = new AgentClient(session.controlTransport());
  let consoleText = "";
  session.onConsole((b) => (consoleText += new TextDecoder().decode(b)));
  const started = Date.now();
  const era = await waitForReady(agent, 60_000);
  await agent.request({ type: "hello" });
  // Wait until the shell has printed its prompt and gone quiet, so the replayed console is complete.
  let last = consoleText.length;
  for (let quiet = 0; quiet < 5;) {
    await new Promise((r) => setTimeout(r, 100));
    quiet = consoleText.length === last && consoleText.includes("$ ") ? quiet + 1 : 0;
    last = consoleText.length;
  }
  // Busybox's line editor asked the terminal where the cursor is (ESC [6n) after printing the prompt.
  // Answer it now, as the page's xterm would: a shell saved still waiting for that answer sleeps 20 ms
  // after the first Enter, on the page's first command. (Column 1: nothing for ash to correct.)
  const answered = consoleText.length;
  session.sendConsole(new TextEncoder().encode("\u001b[1;1R"));
  await new Promise((r) => setTimeout(r, 300));
  if (consoleText.length !== answered) throw new Error("the shell printed something on the cursor answer");
  console.log(`make-state: guest ready after ${Date.now() - started} ms`);
  // Frees caches (a smaller state) and starts the agent's idle period for /proc scans, so every
  // restore starts the same way, whenever this save happens: no scan beside the first command.
  await agent.request({ type: "dropcaches" });
  const state = Buffer.from(await session.saveState());
  await session.dispose();
  agent.dispose();

  const tmp = join(VM_DIR, "state.bin");
  writeFileSync(tmp, state);
  // No zstd checksum: the page checks the compressed file's sha256 already, and computing the
  // checksum over the whole output was a tenth of the decoding time of the restore.
  execFileSync("zstd", ["-19", "--no-check", "-q", "-f", "--rm", tmp, "-o", tmp + ".zst"]);
  const compressed = readFileSync(tmp + ".zst");
  const hash = sha256(compressed);
  const name = `state-${hash.slice(0, 12)}.bin.zst`;
  renameSync(tmp + ".zst", join(VM_DIR, name));
  // The cursor-position query would make the page's terminal answer into the restored shell.
  const replay = consoleText.split("\u001b[6n").join("");
  raw.files.state = {
    name,
    sha256: hash,
    size: compressed.length,
    rawSize: state.length,
    console: replay,
    era,
    from: raw.stateInputs,
  };
  writeFileSync(MANIFEST, JSON.stringify(raw, null, 2) + "\n");
  console.log(
    `make-state: ${name}: ${(state.length / 1e6).toFixed(1)} MB raw, ${(compressed.length / 1e6).toFixed(2)} MB zstd`,
  );
  process.exit(0);
}

main().catch((err) => {
  console.error(`make-state: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

// Unpacks the guest's zstd files (saved state, kernel) with v86's own wasm, which carries a zstd decoder.

const ZSTD_MAGIC = 0xfd2fb528;

/** The decompressed size a zstd frame header declares (zstd -19 of a file writes it), if any. */
export function zstdContentSize(bytes: Uint8Array): number | undefined {
  if (bytes.length < 6) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== ZSTD_MAGIC) return undefined;
  const descriptor = bytes[4];
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const dictIdBytes = [0, 1, 2, 4][descriptor & 3];
  const fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag];
  if (fcsBytes === 0) return undefined;
  const at = 5 + (singleSegment ? 0 : 1) + dictIdBytes;
  if (bytes.length < at + fcsBytes) return undefined;
  switch (fcsBytes) {
    case 1:
      return bytes[at];
    case 2:
      return view.getUint16(at, true) + 256;
    case 4:
      return view.getUint32(at, true);
    default: {
      const size = view.getBigUint64(at, true);
      return size <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(size) : undefined;
    }
  }
}

/** The parts of v86.wasm's exports this file calls. */
interface ZstdExports {
  memory: WebAssembly.Memory;
  zstd_create_ctx(srcLength: number): number;
  zstd_get_src_ptr(ctx: number): number;
  zstd_read(ctx: number, length: number): number;
  zstd_read_free(ptr: number, length: number): void;
  zstd_free_ctx(ctx: number): void;
}

/**
 * A second instance of v86.wasm that only decodes zstd. Its imports are the emulator's devices,
 * which the decoder never calls: each is a stub that throws, so a surprise is an error, not a hang.
 * (v86 decompresses this way in its own zstd worker; the table size is the one it uses.)
 */
function decoder(module: WebAssembly.Module): ZstdExports {
  const env: Record<string, WebAssembly.ImportValue> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind === "function") {
      env[imp.name] = () => {
        throw new Error(`the zstd decoder unexpectedly called ${imp.name}`);
      };
    } else if (imp.kind === "table") {
      env[imp.name] = new WebAssembly.Table({ element: "anyfunc", initial: 1024 });
    }
  }
  return new WebAssembly.Instance(module, { env }).exports as unknown as ZstdExports;
}

/**
 * A zstd file decoded, or undefined when it is not zstd with a declared size. The page decodes the
 * saved state while v86's code is still on its way, so restoring it skips that step (v86 would
 * decode it too), and the kernel, which v86 takes only as it is.
 */
export function unzstd(module: WebAssembly.Module, compressed: ArrayBuffer): ArrayBuffer | undefined {
  const src = new Uint8Array(compressed);
  const size = zstdContentSize(src);
  if (size === undefined) return undefined;
  const z = decoder(module);
  const ctx = z.zstd_create_ctx(src.length);
  new Uint8Array(z.memory.buffer).set(src, z.zstd_get_src_ptr(ctx) >>> 0);
  const ptr = z.zstd_read(ctx, size) >>> 0;
  // After the read: the decoder may have grown (and so replaced) its memory buffer.
  const out = z.memory.buffer.slice(ptr, ptr + size);
  z.zstd_read_free(ptr, size);
  z.zstd_free_ctx(ctx);
  return out;
}

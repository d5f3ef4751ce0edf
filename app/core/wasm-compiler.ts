// Compiles v86.wasm while it streams in, once; a failed compile is tried again by the next caller.

/** How a failure to load the emulator itself begins: every way of starting the guest needs it. */
const EMULATOR_UNAVAILABLE = "could not load the emulator (v86.wasm)";

/** Whether a start failed for want of the emulator (then a cold boot fails too, the same way). */
export const isEmulatorUnavailable = (message: string | undefined): boolean =>
  message?.includes(EMULATOR_UNAVAILABLE) ?? false;

/** Some hosts serve .wasm with a wrong MIME type: then the bytes are compiled after they arrive. */
function compileWasm(url: string): Promise<WebAssembly.Module> {
  return WebAssembly.compileStreaming(fetch(url))
    .catch(async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return WebAssembly.compile(await response.arrayBuffer());
    })
    .catch((err: Error) => {
      throw new Error(`${EMULATOR_UNAVAILABLE}: ${err.message}`);
    });
}

export function wasmCompiler(url: string): () => Promise<WebAssembly.Module> {
  let compiled: Promise<WebAssembly.Module> | undefined;
  return () => {
    const current = compiled ?? compileWasm(url);
    compiled = current;
    current.catch(() => {
      if (compiled === current) compiled = undefined;
    });
    return current;
  };
}

// Compiles v86.wasm while it streams in, once; a failed compile is tried again by the next caller.
import { emulatorUnavailable } from "./emulator-unavailable";

/** Some hosts serve .wasm with a wrong MIME type: then the bytes are compiled after they arrive. */
function compileWasm(url: string): Promise<WebAssembly.Module> {
  return WebAssembly.compileStreaming(fetch(url))
    .catch(async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return WebAssembly.compile(await response.arrayBuffer());
    })
    .catch((err: Error) => {
      throw new Error(emulatorUnavailable("v86.wasm", err.message));
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

// The benchmark's floor: fetch and instantiate v86.wasm and create an emulator with no guest at all.
import { V86 } from "v86";
import wasmUrl from "v86/build/v86.wasm?url";

const emulator = new V86({
  wasm_path: wasmUrl,
  memory_size: 32 << 20,
  vga_memory_size: 2 << 20,
  autostart: false,
  disable_keyboard: true,
  disable_mouse: true,
});
emulator.add_listener("emulator-loaded", () => {
  (window as unknown as { floorDone: number }).floorDone = performance.now();
});

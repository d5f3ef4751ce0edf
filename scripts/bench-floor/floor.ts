// The benchmark's floor: fetch and instantiate v86.wasm and create an emulator with no guest at all.
import { V86 } from "v86";
import wasmUrl from "v86/build/v86.wasm?url";
import { v86 as machine } from "../../public/vm/manifest.json";

const emulator = new V86({
  wasm_path: wasmUrl,
  // The same machine as the page's guest, only empty.
  memory_size: machine.options.memory_size,
  vga_memory_size: machine.options.vga_memory_size,
  autostart: false,
  disable_keyboard: true,
  disable_mouse: true,
});
emulator.add_listener("emulator-loaded", () => {
  (window as unknown as { floorDone: number }).floorDone = performance.now();
});

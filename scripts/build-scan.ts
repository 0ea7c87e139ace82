import { writeFile } from "node:fs/promises";
import { compileScanWat, SCAN_WASM_MODULE, scanWasmModule } from "./lib/scan-wasm";

/** Compiles lib/search/scan.wat into lib/search/scan-wasm.ts (run after editing the .wat). */
const bytes = await compileScanWat();
await writeFile(SCAN_WASM_MODULE, scanWasmModule(bytes));
console.log(`lib/search/scan-wasm.ts: ${bytes.length} bytes of WebAssembly`);

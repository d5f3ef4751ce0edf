// `npm start`'s server: the built site (dist/) on 127.0.0.1:4173, compressed and cached as a real host serves it.
import { existsSync } from "node:fs";
import { serveStatic } from "./static-server.ts";

const root = new URL("../dist/", import.meta.url).pathname;
if (!existsSync(`${root}index.html`)) {
  console.error("serve: no dist/index.html: build the site first (npm run build)");
  process.exit(1);
}
// Vite's preview server sent v86.wasm uncompressed (2.1 MB): a first visit of some 4.3 MB instead of
// the 2.4 MB that the README and the bench give, which a host that compresses (most do) sends.
const port = Number(process.env.PORT ?? 4173);
const site = await serveStatic(root, port).catch((err: Error) => {
  console.error(`serve: cannot listen on 127.0.0.1:${port}: ${err.message} (PORT=… picks another port)`);
  process.exit(1);
});
console.log(`exelab: ${site.url} (Ctrl+C stops it)`);

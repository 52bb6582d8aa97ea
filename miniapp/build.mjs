// Bundles the page into the Python package (src/neighborshare/entrypoints/miniapp/static/, never
// committed): index.html, app.js and app.css with Leaflet inside; nothing is fetched at run time.
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.env.MINIAPP_OUT
  || join(here, "..", "src", "neighborshare", "entrypoints", "miniapp", "static");

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: join(here, "src", "app.js") },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["chrome100", "safari15", "firefox100"],
  outdir: out,
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  legalComments: "eof",
  logLevel: "warning",
});
await copyFile(join(here, "index.html"), join(out, "index.html"));
console.log(`mini app built into ${out}`);

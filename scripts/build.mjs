// `npm run build`: the package as users install it. tsc writes the declarations (the public
// types, with their doc comments); esbuild writes the JavaScript, one file per entry point
// and the code they share in dist/chunks/. One file instead of ~140 per import: every ES
// module Node loads keeps its own records, and the bundle measured 3–7 MiB less resident
// memory for the 10,000-route app (BENCHMARKS.md, "memory").
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: "inherit" });

rmSync(`${root}dist`, { recursive: true, force: true });
run(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", "tsconfig.build.json"]);
await build({
  absWorkingDir: root,
  entryPoints: [
    "src/index.ts",
    "src/fastify/index.ts",
    "src/cli/main.ts",
    // Registered by path with module.register, so a file of its own.
    "src/cli/reload-hooks.ts",
  ],
  outdir: "dist",
  outbase: "src",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Dependencies stay imports, resolved from the user's node_modules as before.
  packages: "external",
  // No keepNames: it names each closure as it is made, an Object.defineProperty for every
  // closure the pipeline makes per request. Classes keep their names as long as they do not
  // name themselves inside their body; package.test.ts checks the exported ones.
  sourcemap: true,
  logLevel: "warning",
});
cpSync(`${root}src/cli/scaffold`, `${root}dist/cli/scaffold`, { recursive: true });

// One start-up measurement in a fresh process (plain JavaScript, so that no loader hooks slow
// the imports being timed): `node startup-child.mjs <ours|bare> <app folder> <modules>`.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [mode, root, count] = process.argv.slice(2);
const names = Array.from({ length: Number(count) }, (_, index) => `m${index}`);
// Both sides load the library first: its own import is not what is compared.
const { MicroServicesApp } = await import("microservices-app");
const start = performance.now();
if (mode === "ours") {
  const app = new MicroServicesApp(root, {
    logger: { info() {}, warn: console.warn, error: console.error },
  });
  await app.registerUrls(names);
  if (app.routes.length === 0) throw new Error("No routes were registered.");
} else {
  const modules = await Promise.all(
    names.map((name) => import(pathToFileURL(join(root, "modules", name, "index.js")).href)),
  );
  if (!modules.every((module) => module.blueprint)) throw new Error("A module has no blueprint.");
}
process.stdout.write(`${performance.now() - start}\n`);

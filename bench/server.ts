// One side of an HTTP pair, in its own process: `node bench/.generated/server.mjs <family>
// <variant> <options-json>` (this file, bundled by bench/lib/server-process.ts; `node --import
// tsx bench/server.ts ...` runs the same). It prints "listening <port> heap <bytes>" once it accepts requests.
import type { AddressInfo } from "node:net";
import { pipelineServers } from "./servers/pipeline.js";
import { routingServers } from "./servers/routing.js";
import { staticServers } from "./servers/static.js";
import { templateServers } from "./servers/template.js";
import type { ServerFactory, ServerOptions } from "./servers/types.js";

const FAMILIES: Record<string, Record<string, ServerFactory>> = {
  routing: routingServers,
  pipeline: pipelineServers,
  static: staticServers,
  template: templateServers,
};

const [family = "", variant = "", options = "{}"] = process.argv.slice(2);
const factory = FAMILIES[family]?.[variant];
if (!factory) {
  console.error(
    `Unknown server "${family} ${variant}". Families: ${Object.keys(FAMILIES).join(", ")}.`,
  );
  process.exit(2);
}
const server = await factory(JSON.parse(options) as ServerOptions);
// A collected heap makes the memory figure (RSS after loading) comparable between the sides.
(globalThis as { gc?: () => void }).gc?.();
// The live JS heap, after that collection: the memory line reports it beside the RSS.
const heap = process.memoryUsage().heapUsed;
process.stdout.write(`listening ${(server.address() as AddressInfo).port} heap ${heap}\n`);

#!/usr/bin/env node
// The `microservices-app` executable: one command per file, loaded only when asked for.

import { register } from "tsx/esm/api";
import { CliError, type CliIO, processIO } from "./io.js";

type Command = (args: readonly string[], io: CliIO) => Promise<number>;

/** Each command, with its one-line help. */
const COMMANDS: Readonly<Record<string, { help: string; load: () => Promise<Command> }>> = {
  new: {
    help: "new <dir> [--host express|fastify]   a new project, ready for npm install && npm run dev",
    load: async () => (await import("./new.js")).newCommand,
  },
  startmodule: {
    help: "startmodule <name> [--path modules]     a new module folder: index, urls, views, templates, static",
    load: async () => (await import("./startmodule.js")).startModuleCommand,
  },
  routes: {
    help: "routes [--sort endpoint|rule|module] [--json]   every route of the app",
    load: async () => (await import("./routes.js")).routesCommand,
  },
  check: {
    help: "check                                   load the app and report every problem (exit 1 if any)",
    load: async () => (await import("./check.js")).checkCommand,
  },
  dev: {
    help: "dev [--port 5000] [--host 127.0.0.1]    serve with debug pages, reloading modules as they change",
    load: async () => (await import("./dev.js")).devCommand,
  },
  build: {
    help: "build [--out dist]                      compile the app to JavaScript, templates and static copied",
    load: async () => (await import("./build.js")).buildCommand,
  },
  types: {
    help: "types [--out urls.d.ts]                 declarations that type-check urlFor's endpoints and values",
    load: async () => (await import("./types.js")).typesCommand,
  },
};

const usage = (): string =>
  [
    "Usage: microservices-app <command> [options]",
    "",
    ...Object.values(COMMANDS).map((command) => `  ${command.help}`),
    "",
    "Commands that load the app take --app path/to/app.ts[:export] (default: app.ts, app.js,",
    "src/app.ts... in the current folder); the file exports createApp() or app, and listens only",
    "when it is the main module.",
  ].join("\n");

/**
 * Runs one command line; resolves to the exit code. Usage mistakes are one line on stderr.
 * @example process.exitCode = await main(["routes", "--json"], processIO());
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return 1;
  }
  try {
    return await (await command.load())(args, io);
  } catch (error) {
    // parseArgs's own errors (an unknown option) carry a code and a clear message.
    const usageMistake =
      error instanceof CliError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") === true;
    if (!usageMistake) throw error;
    io.err((error as Error).message);
    return 1;
  }
}

// Apps and their modules are TypeScript: tsx's loader lets Node import them. This file itself
// is .ts only when it already runs under tsx (the repository's own tests), then it is not needed.
if (!import.meta.url.endsWith(".ts")) register();
process.exitCode = await main(process.argv.slice(2), processIO());

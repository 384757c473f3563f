import { spawn } from "node:child_process";
import { existsSync, watch } from "node:fs";
import { register } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { packageFile } from "../core/package-location.js";
import { installDevHooks } from "./dev-hooks.js";
import type { CliIO } from "./io.js";
import { type CliApp, loadApp, locateApp } from "./load-app.js";
import { TYPES_FILE, writeUrlTypes } from "./types.js";

/** The exit code by which the serving process asks to be started again (the app file changed). */
const RESTART = 75;

/** Path segments whose changes never matter to the running app. */
const IGNORED = /(^|[\\/])(node_modules|dist|test|tests|\.[^\\/]*)([\\/]|$)|\.d\.ts$/;
const CODE = /\.([cm]?[jt]sx?|json)$/;

const OPTIONS = {
  app: { type: "string" },
  port: { type: "string", default: "5000" },
  host: { type: "string", default: "127.0.0.1" },
  child: { type: "boolean", default: false },
} as const;

/**
 * `microservices-app dev [--port 5000] [--host 127.0.0.1]`: serves the app with debug pages,
 * reloading a module in the running process when a file under it changes, and restarting the
 * process when the app file (or other code outside the modules) changes. One line per request.
 * @example await devCommand(["--port", "8000"], processIO());
 */
export async function devCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS });
  return values.child ? serve(values, io) : supervise(args, io);
}

/** Runs the serving process, again each time it exits asking to restart. */
async function supervise(args: readonly string[], io: CliIO): Promise<number> {
  let stopping = false;
  for (;;) {
    const child = spawn(
      process.execPath,
      [...process.execArgv, process.argv[1] ?? "", "dev", ...args, "--child"],
      { stdio: "inherit", cwd: io.cwd, env: { ...process.env, MICROSERVICES_DEBUG: "1" } },
    );
    const stop = (signal: NodeJS.Signals) => {
      stopping = true;
      child.kill(signal);
    };
    process.once("SIGINT", stop).once("SIGTERM", stop);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    process.off("SIGINT", stop).off("SIGTERM", stop);
    if (stopping) return 0;
    if (code !== RESTART) return code ?? 1;
    io.out("The app's code changed: restarting.");
  }
}

/** Which enabled module a file belongs to, if any. */
const moduleOf = (app: CliApp, file: string): string | undefined =>
  [...app.blueprints.values()].find((blueprint) => file.startsWith(blueprint.rootPath + sep))?.name;

/** Serves the app and reloads its modules as they change; resolves only to ask for a restart. */
async function serve(
  values: { app?: string; port: string; host: string },
  io: CliIO,
): Promise<number> {
  // A file of its own in dist/ too: module.register loads it by path, on the hooks thread.
  register(packageFile({ source: "src/cli/reload-hooks.js", built: "dist/cli/reload-hooks.js" }));
  const location = locateApp(io.cwd, values.app);
  const folder = dirname(location.file);
  let app: CliApp;
  try {
    app = await loadApp(location);
  } catch (error) {
    io.err(
      `The app did not load; fix it and save, and it starts again:\n${(error as Error).stack ?? String(error)}`,
    );
    await new Promise<void>((resolve) => {
      const watcher = watch(folder, { recursive: true }, (_event, name) => {
        if (name && !IGNORED.test(name)) {
          watcher.close();
          resolve();
        }
      });
    });
    process.exit(RESTART);
  }
  let pending: unknown;
  installDevHooks(app, {
    log: (line) => io.out(line),
    takePendingError: () => {
      const error = pending;
      pending = undefined;
      return error;
    },
  });
  const typesFile = join(folder, TYPES_FILE);
  const server = await app.listen(Number(values.port), values.host);
  const { port } = server.address() as AddressInfo;
  const host = app.fastify === undefined ? "Express 5" : "Fastify 5";
  io.out(
    `microservices-app dev: ${relative(io.cwd, location.file)} on http://${values.host}:${port} (${host}, debug on). Modules reload when their files change; Ctrl-C stops.`,
  );
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop).once("SIGINT", stop);

  let version = 0;
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const reload = async (names: string[]) => {
    version += 1;
    const importUrl = (file: string) =>
      `${pathToFileURL(file).href}?msa-reload=${version}&msa-scope=${encodeURIComponent(pathToFileURL(dirname(file) + sep).href)}`;
    try {
      await app.reloadModules(names, importUrl);
      io.out(`Reloaded ${names.map((name) => `module "${name}"`).join(", ")}.`);
      if (existsSync(typesFile)) writeUrlTypes(app, typesFile);
    } catch (error) {
      pending = error;
      io.err(
        `Reloading ${names.join(", ")} failed; the previous version keeps serving. The next page shows the error:\n${(error as Error).stack ?? String(error)}`,
      );
    }
  };
  return new Promise<number>(() => {
    const watcher = watch(folder, { recursive: true }, (_event, name) => {
      if (!name || IGNORED.test(name)) return;
      changed.add(join(folder, name));
      clearTimeout(timer);
      // An editor's save is several events; one reload for them all.
      timer = setTimeout(() => {
        const files = [...changed];
        changed.clear();
        const modules = new Set(files.map((file) => moduleOf(app, file)));
        const outside = files.filter(
          (file) => moduleOf(app, file) === undefined && CODE.test(file),
        );
        if (outside.length > 0) {
          watcher.close();
          // Exit rather than return: the loader hooks and watchers may keep the process alive.
          void app.close().then(() => process.exit(RESTART));
          return;
        }
        modules.delete(undefined);
        if (modules.size > 0) void reload([...modules] as string[]);
      }, 60);
    });
  });
}

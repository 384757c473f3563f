import cluster from "node:cluster";
import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import {
  type ClusterPrimary,
  type ListenOptions,
  render,
  type Scaffold,
  url,
  type Workers,
} from "microservices-app";
import { closeDatabase } from "./database.js";
import { ENABLED_MODULES } from "./settings.js";

/** What the example needs of an app; the Express and the Fastify app both have it. */
export interface ExampleApp extends Scaffold {
  addUrls(urlpatterns: ReturnType<typeof url>[]): unknown;
  registerUrls(moduleNames: readonly string[]): Promise<void>;
  listen(port: number, host?: string): Promise<Server>;
  listen(port: number, options: ListenOptions): Promise<Server | ClusterPrimary>;
  close(): Promise<void>;
}

/** Adds what both hosts serve alike: an app-level url, an error handler, and the enabled modules. */
export async function configure<App extends ExampleApp>(app: App): Promise<App> {
  // An app-level url, outside any module: its template is the root's about.html.
  app.addUrls([url("/about/", () => render("about.html"), "about")]);
  // API clients get JSON, not an HTML page, for a URL under /api/ that does not exist; any
  // other 404 is left (undefined) to the 404.html page.
  app.errorHandler(404, (_error, req) =>
    req.url.startsWith("/api/") ? [{ error: "not found", path: req.url }, 404] : undefined,
  );
  await app.registerUrls(ENABLED_MODULES);
  return app;
}

/** The WORKERS variable: unset is one process, else a count of processes or "auto". */
export function workersFromEnv(value = process.env.WORKERS): Workers | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "auto") return "auto";
  if (/^\d+$/.test(value)) return Number(value);
  throw new Error(
    `WORKERS must be a number of processes or "auto", not "${value}": WORKERS=4 npm start, or leave it unset for one process.`,
  );
}

/**
 * Listens on PORT (5000) of 127.0.0.1, from WORKERS processes if set, says where, and stops
 * gracefully on SIGTERM or Ctrl-C: in-flight requests finish, then the process exits 0.
 */
export async function serve(app: ExampleApp, hostName: string): Promise<void> {
  const port = Number(process.env.PORT ?? 5000);
  const workers = workersFromEnv();
  const listening =
    workers === undefined
      ? await app.listen(port, "127.0.0.1")
      : await app.listen(port, { host: "127.0.0.1", workers });
  // app.close() is right in every process: in one process or a worker it closes the server;
  // in a cluster's primary it closes every worker (the library also does so on these signals).
  const stop = async () => {
    await app.close();
    // The requests are done: close the database, which folds its WAL file into it.
    closeDatabase();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  // The primary speaks for the cluster; its workers stay quiet.
  if (cluster.isWorker) return;
  const { port: actualPort } = listening.address() as { port: number };
  const processes = "pids" in listening ? `, ${listening.pids.length} workers` : "";
  console.log(
    `microservices-app example running on http://127.0.0.1:${actualPort} (${hostName}${processes})`,
  );
}

/** Whether this file is the one node was asked to run. */
export const isMain = (importMetaUrl: string): boolean =>
  process.argv[1] !== undefined && importMetaUrl === pathToFileURL(process.argv[1]).href;

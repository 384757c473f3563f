import { parseArgs } from "node:util";
import type { Route } from "../core/routing/index.js";
import { CliError, type CliIO } from "./io.js";
import { loadApp, locateApp } from "./load-app.js";

/** One row of `routes`: what `flask routes` shows, and the module. */
export interface RouteRow {
  readonly endpoint: string;
  readonly methods: readonly string[];
  readonly rule: string;
  readonly module: string | null;
}

const SORT_KEYS = ["endpoint", "rule", "module"] as const;
type SortKey = (typeof SORT_KEYS)[number];

const rowOf = (route: Route): RouteRow => ({
  endpoint: route.endpoint,
  methods: route.methods,
  rule: route.rule,
  module: route.module,
});

/** Rows sorted by a key (then by rule), stably; without a key, in registration order. */
export function sortRows(rows: readonly RouteRow[], key: SortKey | undefined): RouteRow[] {
  if (key === undefined) return [...rows];
  const text = (row: RouteRow) => (key === "module" ? (row.module ?? "") : row[key]);
  return [...rows].sort((a, b) => text(a).localeCompare(text(b)) || a.rule.localeCompare(b.rule));
}

/**
 * The rows as a text table, `flask routes` style: a header, a rule of dashes, one line each.
 * @example formatTable(rows); // "Endpoint  Methods  Rule  Module\n--------  ..."
 */
export function formatTable(rows: readonly RouteRow[]): string {
  const header = ["Endpoint", "Methods", "Rule", "Module"];
  const cells = rows.map((row) => [
    row.endpoint,
    row.methods.join(", "),
    row.rule,
    row.module ?? "(app)",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? "").length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join(
    "\n",
  );
}

/**
 * `microservices-app routes [--app file] [--sort endpoint|rule|module] [--json]`: every route
 * of the app, static routes included, without starting a server.
 * @example await routesCommand(["--sort", "rule"], processIO());
 */
export async function routesCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      app: { type: "string" },
      sort: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const sort = values.sort;
  if (sort !== undefined && !(SORT_KEYS as readonly string[]).includes(sort)) {
    throw new CliError(`--sort takes one of ${SORT_KEYS.join(", ")}, not "${sort}".`);
  }
  const app = await loadApp(locateApp(io.cwd, values.app));
  const rows = sortRows(app.routes.map(rowOf), sort as SortKey | undefined);
  io.out(values.json ? JSON.stringify(rows, null, 2) : formatTable(rows));
  return 0;
}

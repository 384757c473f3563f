import { writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliIO } from "./io.js";
import { type CliApp, loadApp, locateApp } from "./load-app.js";
import { urlTypes } from "./url-types.js";

/** The declaration file's default name, beside the app file. */
export const TYPES_FILE = "urls.d.ts";

/** Which import the app uses, so that the declarations augment the module it sees. */
const libraryOf = (app: CliApp): string =>
  app.fastify === undefined ? "microservices-app" : "microservices-app/fastify";

/** Writes the declarations of an app's endpoints to a file. @example writeUrlTypes(app, "urls.d.ts"); */
export function writeUrlTypes(app: CliApp, file: string): void {
  writeFileSync(file, urlTypes(app.routes, libraryOf(app)));
}

/**
 * `microservices-app types [--out urls.d.ts]`: writes a declaration file that makes
 * `app.urlFor` and `req.urlFor` type-checked (AdonisJS's typed route builder): a wrong
 * endpoint, a missing value or a value of the wrong type is a tsc error.
 * @example await typesCommand([], processIO()); // urls.d.ts beside app.ts
 */
export async function typesCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { app: { type: "string" }, out: { type: "string" } },
  });
  const location = locateApp(io.cwd, values.app);
  const app = await loadApp(location);
  const file = values.out ? resolve(io.cwd, values.out) : join(dirname(location.file), TYPES_FILE);
  writeUrlTypes(app, file);
  io.out(
    `Wrote ${relative(io.cwd, file)}: ${app.routes.length} endpoints. tsc now checks every urlFor call (keep the file in your tsconfig's files).`,
  );
  return 0;
}

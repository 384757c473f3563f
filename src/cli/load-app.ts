import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { MicroServicesCore } from "../core/app.js";
import type { InjectOptions, InjectResponse } from "../core/serving/index.js";
import { CliError } from "./io.js";

/** The app files tried, in order, when `--app` is not given (Flask's `app.py`, `wsgi.py`). */
export const DEFAULT_APP_FILES = ["app.ts", "app.js", "app.mjs", "src/app.ts", "src/app.js"];

/** The exports tried, in order, when `--app` names no export (Flask's `create_app`, `app`). */
const DEFAULT_EXPORTS = ["createApp", "app", "default"];

/** An app as the CLI sees it: the core, and the host's own object. */
export type CliApp = MicroServicesCore & {
  listen(port: number, host?: string): Promise<Server>;
  close(): Promise<void>;
  inject(options: InjectOptions): Promise<InjectResponse>;
} & (
    | { readonly express: unknown; readonly handler: unknown; readonly fastify?: undefined }
    | { readonly fastify: unknown; readonly express?: undefined }
  );

/** Where the app is: its file, and the export that makes or is the app. */
export interface AppLocation {
  readonly file: string;
  readonly exportName: string | undefined;
}

/**
 * Finds the app file: `--app path[:export]`, else the `MICROSERVICES_APP` variable, else the
 * first of `app.ts`, `app.js`, `app.mjs`, `src/app.ts`, `src/app.js` in the folder.
 * @example locateApp("/srv/site", "app.ts:createApp"); // { file: "/srv/site/app.ts", exportName: "createApp" }
 */
export function locateApp(cwd: string, option = process.env.MICROSERVICES_APP): AppLocation {
  if (option) {
    // "C:\\x\\app.ts" has a drive colon: the export is after the last colon past the extension.
    const match = /^(.*\.[cm]?[jt]sx?)(?::([A-Za-z_$][\w$]*))?$/.exec(option);
    const path = match?.[1] ?? option;
    const file = isAbsolute(path) ? path : resolve(cwd, path);
    if (!existsSync(file)) {
      throw new CliError(
        `The app file ${file} does not exist. Pass the file that exports the app: --app app.ts.`,
      );
    }
    return { file, exportName: match?.[2] };
  }
  for (const candidate of DEFAULT_APP_FILES) {
    const file = resolve(cwd, candidate);
    if (existsSync(file)) return { file, exportName: undefined };
  }
  throw new CliError(
    `No app file in ${cwd}: looked for ${DEFAULT_APP_FILES.join(", ")}. Run the command in the app's folder, or pass --app path/to/app.ts.`,
  );
}

const looksLikeApp = (value: unknown): value is CliApp =>
  typeof value === "object" &&
  value !== null &&
  "registerUrls" in value &&
  "routes" in value &&
  "urlFor" in value &&
  ("express" in value || "fastify" in value);

/**
 * Imports the app file without serving it and returns its app: the export named, else
 * `createApp` (called and awaited, Flask's factory), else `app`, else the default export. The
 * file must listen only when it is the main module (see the README's "Loading the app").
 * @example const app = await loadApp(locateApp(process.cwd()));
 */
export async function loadApp(location: AppLocation): Promise<CliApp> {
  const exports = (await import(pathToFileURL(location.file).href)) as Record<string, unknown>;
  const names = location.exportName ? [location.exportName] : DEFAULT_EXPORTS;
  const name = names.find((candidate) => exports[candidate] !== undefined);
  if (name === undefined) {
    throw new CliError(
      `${location.file} exports none of ${names.join(", ")}. Export the app, or a function that makes it: export async function createApp() { ... return app; }`,
    );
  }
  const exported = exports[name];
  const app = typeof exported === "function" ? await (exported as () => unknown)() : exported;
  if (!looksLikeApp(app)) {
    throw new CliError(
      `The export "${name}" of ${location.file} is not a MicroServicesApp (nor a function returning one).`,
    );
  }
  return app;
}

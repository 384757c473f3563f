import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** The compiled files that may stand beside a module's `index.ts`, in the order tried. */
const COMPILED = ["index.js", "index.mjs"];

/**
 * Imports a module's index file. When it is `index.ts` and Node cannot import TypeScript
 * (plain `node`, no tsx), an `index.js` or `index.mjs` compiled beside it is imported instead,
 * so that an app compiled in place runs under plain node while tsx still runs the source.
 * @example await importIndex("/srv/app/modules/home/index.ts"); // modules/home/index.js under plain node
 */
export async function importIndex(
  file: string,
  importUrl: (file: string) => string = (path) => pathToFileURL(path).href,
): Promise<Record<string, unknown>> {
  try {
    return await import(importUrl(file));
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
    const compiled = COMPILED.map((name) => file.replace(/index\.ts$/, name)).find(
      (candidate) => candidate !== file && existsSync(candidate),
    );
    if (compiled === undefined) throw error;
    return await import(importUrl(compiled));
  }
}

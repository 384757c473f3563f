import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { filesUnder } from "./check.js";

/** Source files the build compiles (or has no use for) rather than copies. */
const COMPILED = /\.(ts|mts|cts|tsx)$/;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const SKIPPED_FOLDERS = new Set(["node_modules", "test", "tests", "__tests__"]);

/**
 * The files of the modules' folders that are neither compiled nor in a templates or static
 * folder (copied whole), relative to the app's folder: what a module reads at run time beside
 * its code, such as `migrations/001_threads.sql`. `node dist/app.js` needs them as much as the
 * code.
 * @example moduleDataFiles("/srv/site", ["/srv/site/modules/forum"], ["/srv/site/modules/forum/templates"]);
 */
export function moduleDataFiles(
  appFolder: string,
  moduleFolders: readonly string[],
  copiedFolders: readonly string[],
): string[] {
  const files = new Set<string>();
  for (const folder of moduleFolders) {
    for (const path of filesUnder(folder)) {
      const file = join(folder, path);
      if (
        path
          .split("/")
          .slice(0, -1)
          .some((part) => SKIPPED_FOLDERS.has(part))
      )
        continue;
      if (COMPILED.test(path) || TEST_FILE.test(path)) continue;
      // JavaScript compiled beside its TypeScript: the build writes its own.
      if (/\.m?js(\.map)?$/.test(path) && existsSync(file.replace(/\.m?js(\.map)?$/, ".ts")))
        continue;
      if (copiedFolders.some((copied) => !relative(copied, file).startsWith(".."))) continue;
      const inside = relative(appFolder, file);
      if (!inside.startsWith("..")) files.add(inside);
    }
  }
  return [...files].sort();
}

import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where an app or blueprint is rooted: a file URL or path, or a directory. */
export type RootLocation = string | URL;

/**
 * The folder of `import.meta.url` (or of a file path), or the directory itself: like
 * Flask's `root_path`, derived from the importing module.
 * @example resolveRootPath(import.meta.url); // "/srv/app" for file:///srv/app/app.ts
 */
export function resolveRootPath(location: RootLocation): string {
  const isUrl = location instanceof URL || location.startsWith("file:");
  const path = isUrl ? fileURLToPath(location) : resolve(location);
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats?.isDirectory() ? path : dirname(path);
}

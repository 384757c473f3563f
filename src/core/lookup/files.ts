import { statSync } from "node:fs";

/** Whether a path is a file; a name too long or otherwise unusable is simply not one. */
export function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

import { lstatSync, statSync } from "node:fs";

/** Whether a path is a file; a name too long or otherwise unusable is simply not one. */
export function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/**
 * Whether a path is a folder itself, not a symbolic link to one; an unusable name is not one.
 * @example isRealFolder("/srv/app/static/css"); // true
 */
export function isRealFolder(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

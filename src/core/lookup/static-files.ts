import { type Dirent, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isFile } from "./files.js";
import { type SearchFolder, safeRelativePath } from "./search-path.js";

/** A static file found: the folder that has it, and its path inside that folder. */
export interface StaticFile {
  readonly root: string;
  readonly relativePath: string;
  readonly module: string | null;
}

/** Every file under a folder, as relative paths with "/"; dot-files and dot-folders left out. */
function walk(root: string, relative = "", found: string[] = []): string[] {
  const folder = join(root, relative);
  // Most modules have no static folder: asked without an exception, which costs far more.
  if (relative === "" && !existsSync(folder)) return found;
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(root, path, found);
    else if (entry.isFile()) found.push(path);
    // A symbolic link is followed to a file, never to a folder (no cycles, no surprises).
    else if (entry.isSymbolicLink() && isFile(join(root, path))) found.push(path);
  }
  return found;
}

/**
 * Finds a static file in layered folders, first folder first. In production an index built
 * once answers each request with one map lookup, so that 50 modules cost what one does; in
 * debug every request looks at the disk, so new and deleted files show at once.
 * @example new StaticFiles(folders, { debug: false }).find("css/site.css"); // { root, relativePath, module }
 */
export class StaticFiles {
  readonly folders: readonly SearchFolder[];
  readonly #debug: boolean;
  #index: Map<string, SearchFolder> | undefined;

  constructor(folders: readonly SearchFolder[], options: { debug: boolean }) {
    this.folders = folders;
    this.#debug = options.debug;
    if (!this.#debug) this.#index = this.#build();
  }

  #build(): Map<string, SearchFolder> {
    const index = new Map<string, SearchFolder>();
    for (const folder of this.folders) {
      for (const path of walk(folder.path)) if (!index.has(path)) index.set(path, folder);
    }
    return index;
  }

  /** The file a URL's filename names, or `undefined` (unknown, unsafe, or a dot-file). */
  find(filename: string): StaticFile | undefined {
    const relativePath = safeRelativePath(filename, { dotfiles: false });
    if (relativePath === undefined) return undefined;
    if (this.#index) {
      const folder = this.#index.get(relativePath);
      return folder && { root: folder.path, relativePath, module: folder.module };
    }
    for (const folder of this.folders) {
      if (isFile(join(folder.path, relativePath))) {
        return { root: folder.path, relativePath, module: folder.module };
      }
    }
    return undefined;
  }

  /** How many files the index holds (production), for diagnostics. */
}

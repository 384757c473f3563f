import { type Dirent, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isFile, isRealFolder } from "./files.js";
import { type SearchFolder, safeRelativePath } from "./search-path.js";
import type { StaticMemory } from "./static-memory.js";

/** A static file found: the folder that has it, its path inside that folder, and in all. */
export interface StaticFile {
  readonly root: string;
  readonly relativePath: string;
  readonly module: string | null;
  /** `root` and `relativePath` joined. */
  readonly path: string;
}

const staticFile = (folder: SearchFolder, relativePath: string): StaticFile => ({
  root: folder.path,
  relativePath,
  module: folder.module,
  path: join(folder.path, relativePath),
});

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
 * Whether `walk(root)` would list a safe relative path, asked of the disk now: every folder on
 * the way is a real folder (a symbolic link to a folder is not followed, as `walk` does not),
 * and the path ends at a file or at a link to one.
 */
function listedByWalk(root: string, relativePath: string): boolean {
  const segments = relativePath.split("/");
  let folder = root;
  for (const segment of segments.slice(0, -1)) {
    folder = join(folder, segment);
    if (!isRealFolder(folder)) return false;
  }
  return isFile(join(root, relativePath));
}

/**
 * Finds a static file in layered folders, first folder first. In production an index built
 * once answers each request with one map lookup, so that 50 modules cost what one does; in
 * debug every request looks at the disk, so new and deleted files show at once. In production
 * `memory` (the app's, shared by its static routes) holds the small files.
 * @example new StaticFiles(folders, { debug: false }).find("css/site.css"); // { root, relativePath, module, path }
 */
export class StaticFiles {
  readonly folders: readonly SearchFolder[];
  /** Small files from memory: production only, debug reads the disk on every request. */
  readonly memory: StaticMemory | undefined;
  readonly #debug: boolean;
  #index: Map<string, StaticFile> | undefined;

  constructor(
    folders: readonly SearchFolder[],
    options: {
      debug: boolean;
      memory?: StaticMemory | undefined;
      /**
       * The files of folders listed already (a folder's path to its files), filled as folders
       * are walked: a URL map's static routes share one, so that a module's folder, in its own
       * route's index and in the app's layered one, is read from the disk once.
       */
      listings?: Map<string, readonly string[]>;
    },
  ) {
    this.folders = folders;
    this.#debug = options.debug;
    this.memory = this.#debug ? undefined : options.memory;
    if (!this.#debug) this.#index = this.#build(options.listings ?? new Map());
  }

  #build(listings: Map<string, readonly string[]>): Map<string, StaticFile> {
    const index = new Map<string, StaticFile>();
    for (const folder of this.folders) {
      let files = listings.get(folder.path);
      if (files === undefined) {
        files = walk(folder.path);
        listings.set(folder.path, files);
      }
      for (const path of files) {
        if (!index.has(path)) index.set(path, staticFile(folder, path));
      }
    }
    return index;
  }

  /**
   * The file a URL's filename names, or `undefined` (unknown, unsafe, or a dot-file). Both
   * modes answer only what `walk` lists, the static sender's own checks never being the guard:
   * production looks the name up in the index `walk` built, debug refuses every unsafe name and
   * dot-file first, then asks the disk what `walk` would list now.
   */
  find(filename: string): StaticFile | undefined {
    if (this.#index) return this.#index.get(filename);
    const relativePath = safeRelativePath(filename, { dotfiles: false });
    if (relativePath === undefined) return undefined;
    for (const folder of this.folders) {
      if (listedByWalk(folder.path, relativePath)) return staticFile(folder, relativePath);
    }
    return undefined;
  }
}

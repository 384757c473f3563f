/** One folder of a layered lookup, with the module that owns it (`null`: the app's root). */
export interface SearchFolder {
  readonly module: string | null;
  readonly path: string;
}

/** How a search folder is named in messages and logs. */
export const describeFolder = (folder: SearchFolder): string =>
  `${folder.module === null ? "app" : `module "${folder.module}"`}: ${folder.path}`;

/**
 * The layered search order (Flask-MicroServices' rule, made explicit): the current module's
 * folder, then the other enabled modules' in the order they were enabled, then the root's.
 * With no current module: the modules in order, then the root.
 * @example searchOrder(modules, root, "forum"); // forum, admin, home, root
 */
export function searchOrder(
  modules: readonly SearchFolder[],
  root: SearchFolder,
  current: string | null,
): SearchFolder[] {
  const own = modules.filter((folder) => folder.module === current);
  const others = modules.filter((folder) => folder.module !== current);
  return [...own, ...others, root];
}

/**
 * The safe relative path a URL or template name stands for, or `undefined` when it could
 * reach outside its folder: `..` or `.` segments (or only dots and spaces), empty segments,
 * absolute paths, backslashes, NUL bytes, and (for static files) dot-files.
 * @example safeRelativePath("css/site.css", { dotfiles: false }); // "css/site.css"
 */
export function safeRelativePath(name: string, options: { dotfiles: boolean }): string | undefined {
  if (name.length === 0 || name.includes("\0") || name.includes("\\")) return undefined;
  const segments = name.split("/");
  for (const segment of segments) {
    // Only dots and spaces: "." and "..", and names Windows reads as them (it drops a name's
    // trailing dots and spaces, so ".. " climbs there).
    if (segment === "" || /^[. ]+$/.test(segment)) return undefined;
    if (!options.dotfiles && segment.startsWith(".")) return undefined;
    // A drive letter ("C:") would make the joined path absolute on Windows.
    if (/^[A-Za-z]:/.test(segment)) return undefined;
  }
  return name;
}

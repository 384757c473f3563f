// lookup/: layered file lookup, modules first and the root last: the search path, safe
// relative names, and the static files index.

export { describeFolder, type SearchFolder, safeRelativePath, searchOrder } from "./search-path.js";
export { type StaticFile, StaticFiles } from "./static-files.js";
export {
  type CachedFile,
  DEFAULT_STATIC_MEMORY,
  StaticMemory,
  type StaticMemoryOptions,
} from "./static-memory.js";

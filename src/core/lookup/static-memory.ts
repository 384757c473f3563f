import { closeSync, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";

/** How much of the static files production keeps in memory. */
export interface StaticMemoryOptions {
  /** Bytes a file may have to be kept in memory; a larger one streams from the disk. */
  readonly fileLimit: number;
  /** Bytes all kept files may take together; once reached, further files stream. */
  readonly totalLimit: number;
}

/** 256 KiB a file and 32 MiB in all: every stylesheet, script and icon of a usual site. */
export const DEFAULT_STATIC_MEMORY: StaticMemoryOptions = {
  fileLimit: 256 * 1024,
  totalLimit: 32 * 1024 * 1024,
};

/** The app options that set each limit, for messages. */
const OPTION_NAMES = [
  ["fileLimit", "staticMemoryLimit"],
  ["totalLimit", "staticMemoryTotal"],
] as const;

/**
 * A static file held in memory: its bytes, and its validators in the static senders' formats
 * (`W/"<size in hex>-<mtime in ms, in hex>"`, the mtime as an HTTP date).
 */
export interface CachedFile {
  readonly bytes: Buffer;
  readonly etag: string;
  readonly lastModified: string;
  readonly mtimeMs: number;
}

/** The validators the static senders (`send`, `@fastify/send`) give a file of these stats. */
const cachedFile = (bytes: Buffer, stats: Stats): CachedFile => ({
  bytes,
  etag: `W/"${stats.size.toString(16)}-${stats.mtime.getTime().toString(16)}"`,
  lastModified: stats.mtime.toUTCString(),
  mtimeMs: stats.mtimeMs,
});

/** A file's bytes and the stats of the same open file, or `undefined` if it cannot be read. */
function readWhole(path: string, fileLimit: number): { bytes: Buffer; stats: Stats } | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, "r");
    const stats = fstatSync(descriptor);
    if (!stats.isFile() || stats.size > fileLimit) return undefined;
    const bytes = Buffer.allocUnsafeSlow(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const count = readSync(descriptor, bytes, read, bytes.length - read, read);
      if (count === 0) return undefined;
      read += count;
    }
    return { bytes, stats };
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * Small static files kept in memory, for production: a file is read once, on its first
 * request, if it is under the per-file limit and the total has room; later requests are
 * answered from its bytes. Each request still asks the disk for the file's stats (one `stat`,
 * no open, read or close): a file deleted since is dropped and streams (to its 404), a file
 * changed since is read again, so the answers are the disk's, as when every file streams.
 * @example const file = memory.get("/srv/app/static/site.css"); // { bytes, etag, ... } or undefined
 */
export class StaticMemory {
  readonly options: StaticMemoryOptions;
  readonly #files = new Map<string, CachedFile>();
  #used = 0;

  constructor(options: StaticMemoryOptions = DEFAULT_STATIC_MEMORY) {
    for (const [field, option] of OPTION_NAMES) {
      const value = options[field];
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new RangeError(
          `The ${option} option must be a whole number of bytes, 0 or more (0 keeps no file in memory), got ${String(value)}. Pass, e.g., ${option}: ${DEFAULT_STATIC_MEMORY[field]}.`,
        );
      }
    }
    this.options = options;
  }

  /** Bytes the kept files take now. */
  get used(): number {
    return this.#used;
  }

  /**
   * The file at `path` from memory, read now if it fits; `undefined` when it is too large,
   * the memory is full, or it is gone or unreadable: the caller streams it from the disk.
   */
  get(path: string): CachedFile | undefined {
    const kept = this.#files.get(path);
    if (kept === undefined && this.options.fileLimit === 0) return undefined;
    const stats = statSync(path, { throwIfNoEntry: false });
    if (kept !== undefined) {
      if (stats?.mtimeMs === kept.mtimeMs && stats.size === kept.bytes.length) return kept;
      this.#drop(path, kept);
    }
    if (!stats?.isFile() || stats.size > this.options.fileLimit) return undefined;
    if (this.#used + stats.size > this.options.totalLimit) return undefined;
    const read = readWhole(path, this.options.fileLimit);
    if (read === undefined || this.#used + read.bytes.length > this.options.totalLimit) {
      return undefined;
    }
    const file = cachedFile(read.bytes, read.stats);
    this.#files.set(path, file);
    this.#used += read.bytes.length;
    return file;
  }

  #drop(path: string, file: CachedFile): void {
    this.#files.delete(path);
    this.#used -= file.bytes.length;
  }
}

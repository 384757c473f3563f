import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/** Every TypeScript file under src/, as a path relative to it with "/". */
function sourceFiles(folder = SRC): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [relative(SRC, path).split("\\").join("/")] : [];
  });
}

/** The specifiers a file imports or re-exports (`import x from "y"`, `export * from "y"`). */
function specifiers(file: string): string[] {
  const text = readFileSync(join(SRC, file), "utf8");
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gms)].map(
    (match) => match[1] as string,
  );
}

/** The src/ files a file imports, resolved (".js" specifiers name ".ts" sources). */
function localImports(file: string): string[] {
  return specifiers(file)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) =>
      relative(SRC, resolve(dirname(join(SRC, file)), specifier.replace(/\.js$/, ".ts")))
        .split("\\")
        .join("/"),
    );
}

const files = sourceFiles();
const graph = new Map(files.map((file) => [file, localImports(file)]));

/** Import cycles, each as the list of files around it. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

/**
 * The core's layers, lowest first: a folder may import its own files, the shared leaves
 * (errors, logger) and the layers below it, never one above.
 */
const LAYERS = ["lookup", "request-data", "routing", "templates", "http", "modules", "serving"];
const SHARED_LEAVES = new Set(["core/errors.ts", "core/logger.ts", "core/package-location.ts"]);
const layerOf = (file: string): number => {
  const [top, folder] = file.split("/");
  if (top !== "core") return Number.POSITIVE_INFINITY;
  const index = LAYERS.indexOf(folder ?? "");
  return index === -1 ? LAYERS.length : index;
};

describe("architecture", () => {
  it("reads the imports of every source file (a control for the checks below)", () => {
    expect(graph.get("core/app.ts")).toContain("core/modules/index.ts");
    expect(graph.get("express/app.ts")).toContain("core/http/index.ts");
  });

  it("has no import cycle in src/", () => {
    expect(cycles()).toEqual([]);
  });

  it("keeps the core free of hosts: no Express, Fastify or their senders, no host folder", () => {
    const hostImports = files
      .filter((file) => file.startsWith("core/"))
      .flatMap((file) =>
        specifiers(file)
          .filter(
            (specifier) =>
              /^(express|fastify|send|@fastify\/)/.test(specifier) ||
              /\/(express|fastify)\//.test(specifier),
          )
          .map((specifier) => `${file} imports ${specifier}`),
      );
    expect(hostImports).toEqual([]);
  });

  it("never imports from a higher layer of the core into a lower one", () => {
    const upward = files.flatMap((file) =>
      (graph.get(file) ?? [])
        .filter((target) => !SHARED_LEAVES.has(target) && layerOf(target) > layerOf(file))
        .map((target) => `${file} imports ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it("gives each host the same files", () => {
    const hostFiles = (host: string) =>
      files.filter((file) => file.startsWith(`${host}/`)).map((file) => file.slice(host.length));
    expect(hostFiles("express")).toEqual(hostFiles("fastify"));
  });
});

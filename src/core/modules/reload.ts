import { relative } from "node:path";
import { importModule, type LoadedModule } from "./module-loader.js";

/**
 * The enabled modules with those named imported again through `importUrl` (the others kept
 * as they are, in their order). Throws the first failure, the module's own error; nothing is
 * changed then, so the caller keeps its modules.
 * @example await reimportModules(modules, ["forum"], (file) => `${pathToFileURL(file).href}?v=2`, root);
 */
export async function reimportModules(
  modules: readonly LoadedModule[],
  names: readonly string[],
  importUrl: (file: string) => string,
  appRoot: string,
): Promise<LoadedModule[]> {
  const unknown = names.filter((name) => !modules.some((module) => module.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Cannot reload ${unknown.map((name) => `"${name}"`).join(", ")}: not enabled. Enable modules with registerUrls.`,
    );
  }
  return Promise.all(
    modules.map((module) =>
      names.includes(module.name)
        ? importModule(
            { name: module.name, urlPrefix: module.urlPrefix },
            module.file,
            relative(appRoot, module.file) || module.file,
            appRoot,
            importUrl,
          )
        : module,
    ),
  );
}

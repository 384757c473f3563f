// modules/: what an app is made of: `url()` entries, blueprints (a module's routes and
// folders), loading modules by name from their folders, and building the URL map from them.

export { type BlueprintOptions, type NamedURLPattern, namePatterns, Router } from "./blueprint.js";
export { type IncludeOptions, include, type URLEntry, type URLInclude } from "./include.js";
export { type LoadedModule, loadModules, type ModuleRegistration } from "./module-loader.js";
export { reimportModules } from "./reload.js";
export { type RootLocation, resolveRootPath } from "./root-path.js";
export { buildUrlMap, moduleTemplateFolder } from "./routes-builder.js";
export {
  createURLPattern,
  type URLOptions,
  type URLPattern,
  type UrlFunction,
  type ViewlessURLOptions,
} from "./url.js";
export { withUrlDefaults } from "./url-defaults.js";

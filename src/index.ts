// The public API: the host-free core, and the Express 5 host (the default host).

export type { MicroServicesOptions, RequestScope } from "./core/app-core.js";
export { type BlueprintOptions, type NamedURLPattern, Router } from "./core/blueprint.js";
export {
  type Converter,
  type ConverterArgument,
  type ConverterArguments,
  type ConverterDefinition,
  type ConverterFactory,
  type ConverterSpec,
  type ConverterTypes,
  ValidationError,
} from "./core/converters.js";
export {
  BuildError,
  type BuildProblem,
  DuplicateEndpoint,
  DuplicateRoute,
  InvalidModule,
  InvalidModulePath,
  InvalidResponse,
  InvalidURLFunction,
  InvalidURLName,
  InvalidURLPattern,
  InvalidURLRule,
  MicroServicesError,
  ModuleNotFound,
  TemplateNotFound,
  UnspecifiedURLMethods,
} from "./core/errors.js";
export type { Logger } from "./core/logger.js";
export {
  abort,
  HTTPException,
  type RedirectResult,
  type RenderResult,
  redirect,
  render,
} from "./core/responses.js";
export type { Route, StaticRoute, ViewRoute } from "./core/route.js";
export type { RuleParams } from "./core/rule-params.js";
export type { URLOptions, URLPattern, UrlFunction } from "./core/url.js";
export type {
  HostName,
  UrlForParams,
  View as PortableView,
  ViewRequest,
  ViewTypes,
} from "./core/view.js";
export { type CloseOptions, MicroServicesApp } from "./express/app.js";
export type { Request, Response, View } from "./express/types.js";
export { url } from "./express/url.js";

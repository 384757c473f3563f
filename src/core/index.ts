// The host-free public API, the same from "microservices-app" and "microservices-app/fastify".

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
  ViewTimeout,
} from "./errors.js";
export type { RequestScope } from "./http/error-response.js";
export {
  abort,
  HTTPException,
  type RedirectResult,
  type RenderResult,
  redirect,
  render,
} from "./http/responses.js";
export type {
  HostName,
  UrlForParams,
  View as PortableView,
  ViewRequest,
  ViewTypes,
} from "./http/view.js";
export type { Logger } from "./logger.js";
export { type BlueprintOptions, type NamedURLPattern, Router } from "./modules/blueprint.js";
export type { URLOptions, URLPattern, UrlFunction } from "./modules/url.js";
export type { MicroServicesOptions } from "./options.js";
export {
  type Converter,
  type ConverterArgument,
  type ConverterArguments,
  type ConverterDefinition,
  type ConverterFactory,
  type ConverterSpec,
  type ConverterTypes,
  ValidationError,
} from "./routing/converters.js";
export type { Route, StaticRoute, ViewRoute } from "./routing/route.js";
export type { RuleParams } from "./routing/rule-params.js";
export type { CloseOptions, ClusterPrimary, ListenOptions, Workers } from "./serving/cluster.js";

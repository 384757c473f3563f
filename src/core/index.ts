// The host-free public API, the same from "microservices-app" and "microservices-app/fastify".

export type { CloseOptions, MicroServicesOptions, RequestScope } from "./app-core.js";
export { type BlueprintOptions, type NamedURLPattern, Router } from "./blueprint.js";
export type { ClusterPrimary, ListenOptions, Workers } from "./cluster.js";
export {
  type Converter,
  type ConverterArgument,
  type ConverterArguments,
  type ConverterDefinition,
  type ConverterFactory,
  type ConverterSpec,
  type ConverterTypes,
  ValidationError,
} from "./converters.js";
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
export type { InjectOptions, InjectResponse } from "./http/inject.js";
export type { Logger } from "./logger.js";
export {
  abort,
  HTTPException,
  type RedirectResult,
  type RenderResult,
  redirect,
  render,
} from "./responses.js";
export type { Route, StaticRoute, ViewRoute } from "./route.js";
export type {
  Endpoint,
  UrlEndpoints,
  UrlForArgs,
  UrlForOptions,
} from "./routing/endpoint-types.js";
export type { RuleParams } from "./rule-params.js";
export type { URLOptions, URLPattern, UrlFunction } from "./url.js";
export type {
  HostName,
  UrlForParams,
  View as PortableView,
  ViewRequest,
  ViewTypes,
} from "./view.js";

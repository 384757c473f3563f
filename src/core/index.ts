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
export {
  abort,
  type HostName,
  HTTPException,
  type PortableView,
  type RedirectResult,
  type RenderResult,
  type RequestScope,
  redirect,
  render,
  type UrlForParams,
  type ViewRequest,
  type ViewTypes,
} from "./http/index.js";
export type { Logger } from "./logger.js";
export {
  type BlueprintOptions,
  type NamedURLPattern,
  Router,
  type URLOptions,
  type URLPattern,
  type UrlFunction,
  type ViewlessURLOptions,
} from "./modules/index.js";
export type { MicroServicesOptions } from "./options.js";
export {
  type Converter,
  type ConverterArgument,
  type ConverterArguments,
  type ConverterDefinition,
  type ConverterFactory,
  type ConverterSpec,
  type ConverterTypes,
  type LinkRoute,
  type RedirectTarget,
  type Route,
  type RuleOptions,
  type RuleParams,
  type StaticRoute,
  type UrlRule,
  ValidationError,
  type ViewRoute,
} from "./routing/index.js";
export type { CloseOptions, ClusterPrimary, ListenOptions, Workers } from "./serving/index.js";

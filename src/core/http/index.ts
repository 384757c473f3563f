// http/: the request pipeline every host runs (host-adapter.ts is what a host implements),
// what views return and how it becomes a response, error pages, and the view types.

export type { DefaultRequestData, RequestDataTypes } from "../request-data/index.js";
export type { RuleParams } from "../routing/index.js";
export type { UrlRule } from "../routing/url-rule.js";
export type { RequestScope } from "./error-response.js";
export { weakETag } from "./etag.js";
export { isFresh } from "./freshness.js";
export type { HostAdapter, NativeMiddleware, Origin } from "./host-adapter.js";
export { type PipelineApp, RequestPipeline } from "./pipeline.js";
export { compileProxyTrust, withProxyTrust } from "./proxy-trust.js";
export { RequestHooks } from "./request-hooks.js";
export {
  abort,
  HTTPException,
  type RedirectResult,
  type RenderResult,
  type ResponseBody,
  type ResponseSpec,
  redirect,
  render,
} from "./responses.js";
export {
  type AfterRequestHook,
  addMiddleware,
  anyUrlDefaults,
  type BeforeRequestHook,
  type ContextProcessor,
  type ErrorClass,
  type ErrorHandler,
  type HookLists,
  hooksOf,
  type OutgoingResponse,
  Scaffold,
  type TeardownRequestHook,
  type UrlDefaultsHook,
  type UrlValuePreprocessor,
} from "./scaffold.js";
export type {
  HostName,
  RequestAdditions,
  UrlForParams,
  View as PortableView,
  ViewRequest,
  ViewTypes,
} from "./view.js";

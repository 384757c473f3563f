// serving/: listening and closing (one server, or a cluster of workers), graceful shutdown,
// and the answers to requests Node's parser refuses before any host sees them.

export { listenOnAnyAddress } from "./any-address.js";
export { handleClientError, refuseConnect } from "./client-error.js";
export type { CloseOptions, ClusterPrimary, ListenOptions, Workers } from "./cluster.js";
export {
  type InjectOptions,
  type InjectResponse,
  injectRequestOptions,
  toInjectResponse,
} from "./inject.js";
export { NodeServers } from "./node-servers.js";
export { closeGracefully } from "./server-close.js";
export { type HostServer, Serving } from "./serving.js";

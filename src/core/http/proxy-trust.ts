import proxyAddr from "proxy-addr";
import type { HostAdapter } from "./host-adapter.js";

/** Whether a proxy at `address`, `hop` proxies away from this server, is trusted. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** A proxy trust setting, as Express's "trust proxy" and Fastify's `trustProxy` take it. */
export type ProxyTrustSetting = boolean | number | string | readonly string[] | ProxyTrust;

const NEVER: ProxyTrust = () => false;

/**
 * The trust function of a setting, read as Express and Fastify read theirs: `true` trusts
 * every proxy, a number that many hops, a string or list addresses and subnets
 * ("loopback", "10.0.0.0/8"), a function decides itself; nothing trusts none.
 * @example compileProxyTrust("loopback")("127.0.0.1", 0); // true
 */
export function compileProxyTrust(setting: ProxyTrustSetting | undefined): ProxyTrust {
  if (setting === undefined || setting === false) return NEVER;
  if (setting === true) return () => true;
  if (typeof setting === "function") return setting;
  if (typeof setting === "number") return (_address, hop) => hop < setting;
  const list =
    typeof setting === "string" ? setting.split(",").map((item) => item.trim()) : setting;
  return proxyAddr.compile([...list]);
}

/**
 * A host adapter with `trustsProxy`: whether `trust` accepts the address the request's
 * socket comes from, its nearest proxy.
 * @example new RequestPipeline(internalsOf(this), withProxyTrust(adapter, compileProxyTrust(true)));
 */
export function withProxyTrust<HostRequest, HostResponse>(
  adapter: Omit<HostAdapter<HostRequest, HostResponse>, "trustsProxy">,
  trust: ProxyTrust,
): HostAdapter<HostRequest, HostResponse> {
  return {
    ...adapter,
    trustsProxy: (request) => trust(adapter.incoming(request).socket.remoteAddress ?? "", 0),
  };
}

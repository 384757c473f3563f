import type { Server } from "node:http";
import {
  MicroServicesApp,
  type MicroServicesOptions,
  type ModuleRegistration,
  type Router,
  type Scaffold,
  type URLEntry,
} from "microservices-app";
import { MicroServicesApp as FastifyApp } from "microservices-app/fastify";

/** What the HTTP tests need of an app, on any host: its hooks (`Scaffold`) too. */
export interface TestApp extends Scaffold {
  readonly blueprints: ReadonlyMap<string, Router>;
  registerUrls(moduleNames: readonly (string | ModuleRegistration)[], path?: string): Promise<void>;
  addUrls(urlpatterns: readonly URLEntry[]): unknown;
  urlFor(endpoint: string, params?: Readonly<Record<string, unknown>>): string;
  listen(port: number, host?: string): Promise<Server>;
  close(): Promise<void>;
}

/** A host the conformance suite runs on. */
export interface TestHost {
  readonly name: string;
  /** A fixture whose module "native" is written with the host's own handlers, same URLs on every host. */
  readonly nativeFixture: string;
  create(root: string, options?: MicroServicesOptions): TestApp;
}

/** Every host: the HTTP test files run once per entry. */
export const HOSTS: readonly TestHost[] = [
  {
    name: "express",
    nativeFixture: "express-native",
    create: (root, options) => new MicroServicesApp(root, options),
  },
  {
    name: "fastify",
    nativeFixture: "fastify-native",
    create: (root, options) => new FastifyApp(root, options),
  },
];

import formbody from "@fastify/formbody";
import { MicroServicesApp } from "microservices-app/fastify";
import { configure, isMain, serve } from "./serve.js";

/** The same example on Fastify: the same modules, unchanged, and the same pages. */
export async function createApp(): Promise<MicroServicesApp> {
  const app = new MicroServicesApp(import.meta.url, { debug: process.env.DEBUG === "1" });
  // Forms post url-encoded bodies; Fastify parses them with this plugin.
  app.register(formbody);
  return configure(app);
}

if (isMain(import.meta.url)) await serve(await createApp(), "Fastify 5");

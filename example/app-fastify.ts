import { MicroServicesApp } from "microservices-app/fastify";
import { configure, isMain, serve } from "./serve.js";
import { SECRET_KEY } from "./settings.js";

/** The same example on Fastify: the same modules, unchanged, and the same pages. */
export async function createApp(): Promise<MicroServicesApp> {
  const app = new MicroServicesApp(import.meta.url, {
    debug: process.env.DEBUG === "1",
    // Signs the session: sign-ins, flash messages and CSRF tokens (settings.ts).
    secretKey: SECRET_KEY,
  });
  // The library reads form and JSON bodies itself (request.form, request.json): no plugin.
  return configure(app);
}

if (isMain(import.meta.url)) await serve(await createApp(), "Fastify 5");

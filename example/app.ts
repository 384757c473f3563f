import { MicroServicesApp } from "microservices-app";
import { configure, isMain, serve } from "./serve.js";
import { SECRET_KEY } from "./settings.js";

/** The example app on Express, its modules registered, not yet listening (tests start it too). */
export async function createApp(): Promise<MicroServicesApp> {
  const app = new MicroServicesApp(import.meta.url, {
    debug: process.env.DEBUG === "1",
    // Signs the session: sign-ins, flash messages and CSRF tokens (settings.ts).
    secretKey: SECRET_KEY,
  });
  // The library reads form and JSON bodies itself (req.form, req.json): no body middleware.
  return configure(app);
}

if (isMain(import.meta.url)) await serve(await createApp(), "Express 5");

import { pathToFileURL } from "node:url";
import express from "express";
import { MicroServicesApp, render, url } from "microservices-app";
import { ENABLED_MODULES } from "./settings.js";

/** The example app with its modules registered, not yet listening (tests start it too). */
export async function createApp(): Promise<MicroServicesApp> {
  const app = new MicroServicesApp(import.meta.url, { debug: process.env.DEBUG === "1" });
  // Forms post url-encoded bodies; this Express middleware runs before every module route.
  app.use(express.urlencoded({ extended: false }));
  // An app-level url, outside any module: its template is the root's about.html.
  app.addUrls([url("/about/", () => render("about.html"), "about")]);
  await app.registerUrls(ENABLED_MODULES);
  return app;
}

async function main(): Promise<void> {
  const app = await createApp();
  const server = await app.listen(Number(process.env.PORT ?? 5000), "127.0.0.1");
  const { port } = server.address() as { port: number };
  console.log(`microservices-app example running on http://127.0.0.1:${port}`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

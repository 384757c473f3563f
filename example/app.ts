import express from "express";
import { MicroServicesApp } from "microservices-app";
import { configure, isMain, serve } from "./serve.js";

/** The example app on Express, its modules registered, not yet listening (tests start it too). */
export async function createApp(): Promise<MicroServicesApp> {
  const app = new MicroServicesApp(import.meta.url, { debug: process.env.DEBUG === "1" });
  // Forms post url-encoded bodies; this Express middleware runs before every module route.
  app.use(express.urlencoded({ extended: false }));
  return configure(app);
}

if (isMain(import.meta.url)) await serve(await createApp(), "Express 5");

import { url } from "microservices-app";
import * as views from "./views.js";

export const urlpatterns = [url("/", views.index, "index")];

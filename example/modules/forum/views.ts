import { abort, redirect, render, type View, type ViewRequest } from "microservices-app";
import { addThread, findThread, listThreads } from "./threads.js";

export const board = () => render("forum/board.html", { threads: listThreads() });

export const thread: View<"/forum/<int:thread_id>/"> = (req) => {
  const found = findThread(req.params.thread_id);
  if (!found) abort(404, `There is no thread ${req.params.thread_id}.`);
  return render("forum/thread.html", { thread: found });
};

/** GET shows the form; POST adds the thread and redirects to the board (relative name ".board"). */
export const newThread = (req: ViewRequest) => {
  if (req.method !== "POST") return render("forum/new.html");
  // req.form holds strings (arrays for repeated names); a JSON post has an empty form.
  const { title: rawTitle, body } = req.form;
  const title = typeof rawTitle === "string" ? rawTitle.trim() : "";
  if (!title) return [render("forum/new.html", { error: "A thread needs a title." }), 400] as const;
  addThread(title, typeof body === "string" ? body : "");
  return redirect(req.urlFor(".board"), 303);
};

import { abort, flash, redirect, render, type View, type ViewRequest } from "microservices-app";
import { checkForm } from "../../forms.js";
import { replyForm, threadForm } from "./forms.js";
import { addReply, addThread, findThread, repliesOf, threadPage } from "./threads.js";

/**
 * The board, one page of threads: `/forum/` is page 1 (its url's `defaults`), `/forum/page/2/`
 * the next; `/forum/page/1/` redirects to `/forum/`, as Werkzeug does.
 */
export const board: View<"/forum/page/<int:page>/"> = (req) => {
  const page = threadPage(req.params.page);
  if (!page) abort(404, `The board has no page ${req.params.page}.`);
  return render("forum/board.html", { ...page });
};

/** A thread and its replies; a POST adds a reply (validated, CSRF-checked by the library). */
export const thread: View<"/forum/<int:thread_id>/"> = async (req) => {
  const found = findThread(req.params.thread_id);
  if (!found) abort(404, `There is no thread ${req.params.thread_id}.`);
  const page = { thread: found, replies: repliesOf(found.id) };
  if (req.method !== "POST") return render("forum/thread.html", { ...page, values: {} });
  const form = await checkForm(replyForm, req.form);
  if (!form.ok) return [render("forum/thread.html", { ...page, ...form }), 400] as const;
  const replyId = addReply(found.id, form.value);
  flash(req, "Your reply was posted.", "success");
  return redirect(req.urlFor(".thread", { thread_id: found.id, _anchor: `reply-${replyId}` }), 303);
};

/** GET shows the form; POST adds the thread, flashes, and redirects to the board (relative name). */
export const newThread = async (req: ViewRequest) => {
  if (req.method !== "POST") return render("forum/new.html", { values: {} });
  // req.form holds strings (arrays for repeated names); a JSON post has an empty form, so
  // it fails the schema like an empty form, on both hosts.
  const form = await checkForm(threadForm, req.form);
  if (!form.ok) return [render("forum/new.html", form), 400] as const;
  addThread(form.value);
  flash(req, `Your thread “${form.value.title}” was posted.`, "success");
  return redirect(req.urlFor(".board"), 303);
};

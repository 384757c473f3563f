import { abort, flash, redirect, render, type View, type ViewRequest } from "microservices-app";
import { checkForm } from "../../forms.js";
import { passwordMatches } from "./accounts.js";
import { loginForm, roleForm } from "./forms.js";
import { findRole, listRoles, renameRole } from "./roles.js";

/** The signed-in user's name, kept in the signed session cookie; `undefined` when signed out. */
export const signedInUser = (req: ViewRequest): string | undefined => {
  const user = req.session.user;
  return typeof user === "string" ? user : undefined;
};

/** What every admin module page may see without signing in: the sign-in page and its stylesheet. */
const PUBLIC_ENDPOINTS = new Set(["admin.login", "admin.static"]);

/**
 * The admin module's guard (its beforeRequest hook): a visitor who is not signed in is sent
 * to the sign-in page, which brings them back (`next`) afterwards. It runs only for the admin
 * module's routes: no URL matching by hand, nothing per host.
 */
export const requireSignIn = (req: ViewRequest) => {
  if (PUBLIC_ENDPOINTS.has(req.urlRule?.endpoint ?? "") || signedInUser(req)) return undefined;
  return redirect(req.urlFor("admin.login", { next: req.url }), 303);
};

/** `next` only ever leads back into this site: a path, never `//host` or `/\host`. */
const safeNext = (next: string, fallback: string): string =>
  /^\/(?![/\\])/.test(next) ? next : fallback;

export const adminPanel = (req: ViewRequest) =>
  render("admin/main.html", { user: signedInUser(req), roles: listRoles() });

/** `req.params.role_id` is a number: its type is read from the rule string. */
export const editRole: View<"/admin/roles/<int:role_id>/edit/"> = async (req) => {
  const role = findRole(req.params.role_id);
  if (!role) abort(404, `There is no role ${req.params.role_id}.`);
  const page = { user: signedInUser(req), role, roleIdType: typeof req.params.role_id };
  if (req.method !== "POST") return render("admin/role.html", { ...page, values: role });
  const form = await checkForm(roleForm, req.form);
  if (!form.ok) return [render("admin/role.html", { ...page, ...form }), 400] as const;
  renameRole(role.id, form.value.name);
  flash(req, `Role ${role.id} is now “${form.value.name}”.`, "success");
  return redirect(req.urlFor(".home"), 303);
};

/** The sign-in form; a POST checks the password and keeps the user in the session. */
export const login = async (req: ViewRequest) => {
  const next = typeof req.query.next === "string" ? req.query.next : "";
  if (req.method !== "POST") return render("admin/login.html", { values: { next } });
  const form = await checkForm(loginForm, req.form);
  if (!form.ok) return [render("admin/login.html", form), 400] as const;
  if (!passwordMatches(form.value.username, form.value.password)) {
    const values = { username: form.value.username, next: form.value.next };
    const errors = { password: "The username or the password is wrong." };
    return [render("admin/login.html", { values, errors }), 400] as const;
  }
  req.session.user = form.value.username;
  flash(req, `Signed in as ${form.value.username}.`, "success");
  return redirect(safeNext(form.value.next, req.urlFor(".home")), 303);
};

/** Signs out (a POST with its CSRF token, so that no other site can sign a user out). */
export const logout = (req: ViewRequest) => {
  delete req.session.user;
  flash(req, "You are signed out.", "success");
  return redirect(req.urlFor("home.index"), 303);
};

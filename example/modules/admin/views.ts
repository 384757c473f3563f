import { abort, redirect, render, type View, type ViewRequest } from "microservices-app";

export const adminPanel = () => render("admin/main.html");

/** Role names, in memory: the example keeps no database. */
const roleNames = new Map<number, string>([[7, "moderator"]]);

/** At most this many names are kept (the oldest goes), so that posts to ever new ids stay small. */
const LIMIT = 100;

/** `req.params.role_id` is a number: its type is read from the rule string. */
export const editRole: View<"/admin/roles/<int:role_id>/edit/"> = (req) => {
  const roleId = req.params.role_id;
  if (req.method === "POST") {
    const field = req.form.name;
    const name = typeof field === "string" ? field.trim() : "";
    if (name) {
      roleNames.delete(roleId);
      roleNames.set(roleId, name.slice(0, 40));
      for (const oldest of roleNames.keys()) {
        if (roleNames.size <= LIMIT) break;
        roleNames.delete(oldest);
      }
    }
    return redirect(req.urlFor(".role_edit", { role_id: roleId }), 303);
  }
  return render("admin/role.html", {
    roleId,
    roleIdType: typeof roleId,
    name: roleNames.get(roleId) ?? "(unnamed)",
  });
};

/** The pages only administrators may see: the example's stand-in for a real sign-in. */
const ADMINISTRATORS_ONLY = new Set(["admin.secret"]);

/** The admin module's guard (a beforeRequest hook): it runs before each of its views. */
export const requireAdministrator = (req: ViewRequest) => {
  if (!ADMINISTRATORS_ONLY.has(req.urlRule?.endpoint ?? "")) return undefined;
  if (/(?:^|;\s*)role=admin(?:;|$)/.test(req.headers.cookie ?? "")) return undefined;
  return abort(403, "Only administrators may see the secret page.");
};

export const secret = () => "The secret: modules guard their own pages.";

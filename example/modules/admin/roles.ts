import { database } from "../../database.js";

/** A role the admin module edits. */
export interface Role {
  readonly id: number;
  readonly name: string;
  readonly updated_at: string;
}

/** Every role, by id. */
export const listRoles = (): Role[] =>
  database().prepare("SELECT * FROM roles ORDER BY id").all() as Role[];

/** A role by its id, or `undefined`. */
export const findRole = (id: number): Role | undefined =>
  database().prepare("SELECT * FROM roles WHERE id = ?").get(id) as Role | undefined;

/** Renames a role. */
export function renameRole(id: number, name: string): void {
  database()
    .prepare(
      "UPDATE roles SET name = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
    )
    .run(name, id);
}

import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { database } from "../../database.js";

/**
 * The development account, created when the users table is empty: its password is
 * ADMIN_PASSWORD, else "admin" (the README flags it; set ADMIN_PASSWORD before the first start
 * of a site others can reach).
 */
export const DEVELOPMENT_USER = {
  username: process.env.ADMIN_USER || "admin",
  password: process.env.ADMIN_PASSWORD || "admin",
};

const KEY_LENGTH = 32;

/** `scrypt$<salt>$<hash>`, both in hex: a salted, slow hash. */
function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("hex")}$${scryptSync(password, salt, KEY_LENGTH).toString("hex")}`;
}

/**
 * Adds the development user when there is no user at all (the first start).
 * @example ensureDevelopmentUser();
 */
export function ensureDevelopmentUser(): void {
  const db = database();
  db.transaction(() => {
    const { count } = db.prepare("SELECT count(*) AS count FROM users").get() as {
      count: number;
    };
    if (count > 0) return;
    db.prepare("INSERT INTO users (username, password_hash) VALUES (?, ?)").run(
      DEVELOPMENT_USER.username,
      hashPassword(DEVELOPMENT_USER.password),
    );
  }).immediate();
}

/**
 * Whether the username and password match a user; the comparison takes the same time
 * whichever byte differs.
 * @example if (passwordMatches(form.username, form.password)) req.session.user = form.username;
 */
export function passwordMatches(username: string, password: string): boolean {
  const row = database()
    .prepare("SELECT password_hash FROM users WHERE username = ?")
    .get(username) as { password_hash: string } | undefined;
  const [, salt, hash] = (row?.password_hash ?? "scrypt$00$00").split("$");
  const expected = Buffer.from(hash ?? "", "hex");
  const actual = scryptSync(password, Buffer.from(salt ?? "", "hex"), KEY_LENGTH);
  return row !== undefined && expected.length === KEY_LENGTH && timingSafeEqual(expected, actual);
}

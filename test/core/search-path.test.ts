import { describe, expect, it } from "vitest";
import {
  describeFolder,
  type SearchFolder,
  safeRelativePath,
  searchOrder,
} from "../../src/core/lookup/search-path.js";

const folder = (module: string | null): SearchFolder => ({
  module,
  path: `/app/${module ?? "root"}`,
});

describe("searchOrder", () => {
  const modules = [folder("admin"), folder("forum"), folder("home")];
  const root = folder(null);
  const names = (folders: SearchFolder[]) => folders.map((entry) => entry.module);

  it("puts the current module first, then the others in enabled order, then the root", () => {
    expect(names(searchOrder(modules, root, "forum"))).toEqual(["forum", "admin", "home", null]);
  });

  it("outside a module, searches the modules in order, then the root", () => {
    expect(names(searchOrder(modules, root, null))).toEqual(["admin", "forum", "home", null]);
  });

  it("with no modules, searches the root only", () => {
    expect(names(searchOrder([], root, null))).toEqual([null]);
  });
});

describe("describeFolder", () => {
  it("names the module or the app", () => {
    expect(describeFolder(folder("admin"))).toBe('module "admin": /app/admin');
    expect(describeFolder(folder(null))).toBe("app: /app/root");
  });
});

describe("safeRelativePath", () => {
  it.each(["a.txt", "css/site.css", "a/b/c.d.e", "a..b/c", "a/b..", "C/d"])("keeps %j", (name) => {
    expect(safeRelativePath(name, { dotfiles: false })).toBe(name);
  });

  it.each([
    ["an empty name", ""],
    ["a parent segment", "../etc/passwd"],
    ["a parent segment inside", "a/../../b"],
    ["a dot segment", "./a"],
    ["an absolute path", "/etc/passwd"],
    ["an empty segment", "a//b"],
    ["a trailing slash", "a/"],
    ["a backslash", "a\\..\\b"],
    ["a NUL byte", "a\0.txt"],
    ["a drive letter", "C:/windows"],
    ["a dotfile", ".env"],
    ["a name starting with two dots", "..a"],
    ["a dot folder", ".git/config"],
  ])("refuses %s (%j)", (_, name) => {
    expect(safeRelativePath(name, { dotfiles: false })).toBeUndefined();
  });

  it("allows dotfiles when asked", () => {
    expect(safeRelativePath(".well-known/a", { dotfiles: true })).toBe(".well-known/a");
    expect(safeRelativePath("../a", { dotfiles: true })).toBeUndefined();
  });
});

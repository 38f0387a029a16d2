import { describe, expect, it } from "vitest";
import { commandNames, mayCommand } from "../../../src/core/commands/index.js";
import type { CommandName, RepoPermission } from "../../../src/core/commands/index.js";

const permissions: RepoPermission[] = ["admin", "maintain", "write", "triage", "read", "none"];
const author = (permission: RepoPermission, overrides: Partial<Parameters<typeof mayCommand>[0]> = {}) => ({
  login: "alice",
  permission,
  owners: ["mona"],
  isBot: false,
  ...overrides,
});

describe("mayCommand", () => {
  it.each(permissions)("with %s access, allows every command only from write access up (help for everyone)", (permission) => {
    const writer = ["admin", "maintain", "write"].includes(permission);
    for (const command of commandNames) {
      const verdict = mayCommand(author(permission), command);
      const expected = writer || command === "help";
      expect({ command, allowed: verdict.allowed }).toEqual({ command, allowed: expected });
    }
  });

  it("lets listed owners command whatever their access, matching logins case-insensitively", () => {
    for (const permission of permissions) {
      expect(mayCommand(author(permission, { login: "Mona" }), "dispatch")).toEqual({ allowed: true, as: "owner" });
      expect(mayCommand(author(permission, { login: "mona", owners: ["@MONA"] }), "pause")).toEqual({
        allowed: true,
        as: "owner",
      });
    }
  });

  it("never lets a bot command, even a listed owner, and gives it no reply", () => {
    expect(mayCommand(author("admin", { isBot: true }), "help")).toEqual({ allowed: false, silent: true });
    expect(mayCommand(author("admin", { login: "renovate[bot]", owners: ["renovate[bot]"] }), "status")).toEqual({
      allowed: false,
      silent: true,
    });
  });

  it("refuses politely, naming the command, the access needed and the access the user has", () => {
    const verdict = mayCommand(author("triage"), "answer" satisfies CommandName);
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed || verdict.silent) throw new Error("expected a refusal with a reply");
    expect(verdict.reply).toContain("@alice");
    expect(verdict.reply).toContain("`/answer`");
    expect(verdict.reply).toContain("write access");
    expect(verdict.reply).toContain("owners listed in `.github/autopilot.yml`");
    expect(verdict.reply).toContain("triage access");
  });

  it("tells who is allowed as what", () => {
    expect(mayCommand(author("write"), "status")).toEqual({ allowed: true, as: "writer" });
    expect(mayCommand(author("read"), "help")).toEqual({ allowed: true, as: "anyone" });
    expect(mayCommand(author("read")).allowed).toBe(false);
  });
});

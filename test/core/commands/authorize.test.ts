import { describe, expect, it } from "vitest";
import { authorityOf, commandNames, mayCommand } from "../../../src/core/commands/index.js";
import type { CommandName, RepoPermission } from "../../../src/core/commands/index.js";

const permissions: RepoPermission[] = ["admin", "maintain", "write", "triage", "read", "none"];
const writerLevels: RepoPermission[] = ["admin", "maintain", "write"];
const person = (permission: RepoPermission, overrides: Partial<Parameters<typeof mayCommand>[0]> = {}) => ({
  login: "alice",
  permission,
  owners: [] as string[],
  isBot: false,
  ...overrides,
});

describe("authorityOf: the one rule for commands, state labels, the trigger label and spec edits", () => {
  it.each(permissions)("without owners configured, %s access may move tasks only from write up", (permission) => {
    const verdict = authorityOf(person(permission));
    expect(verdict.allowed).toBe(writerLevels.includes(permission));
    if (verdict.allowed) expect(verdict.as).toBe("writer");
    else expect(verdict.who).toContain("write access");
  });

  it.each(permissions)("with owners configured, %s access is not enough: only the listed owners may", (permission) => {
    const verdict = authorityOf(person(permission, { owners: ["mona"] }));
    expect(verdict).toMatchObject({ allowed: false, bot: false });
    if (!verdict.allowed) expect(verdict.who).toBe("the owners listed in `.github/autopilot.yml`");
  });

  it.each(permissions)("a listed owner with %s access may move tasks only from write up", (permission) => {
    // a login is bare text: whoever claims a renamed owner's login, or a former maintainer, has none
    const verdict = authorityOf(person(permission, { login: "Mona", owners: ["@mona"] }));
    if (writerLevels.includes(permission)) expect(verdict).toEqual({ allowed: true, as: "owner" });
    else {
      expect(verdict).toMatchObject({ allowed: false, bot: false });
      if (!verdict.allowed) expect(verdict.who).toContain("who have write access to this repository");
    }
  });

  it("tells a listed owner without write access why a command is refused", () => {
    const verdict = mayCommand(person("none", { login: "ghostly", owners: ["octocat", "ghostly"] }), "unblock");
    expect(verdict).toMatchObject({ allowed: false, silent: false });
    if (!verdict.allowed && !verdict.silent)
      expect(verdict.reply).toMatch(
        /Sorry @ghostly, only the owners listed in `.github\/autopilot.yml` who have write access to this repository .*can use `\/unblock`; you have no access as a collaborator here/,
      );
  });

  it("never lets a bot move a task, even an admin or a listed owner", () => {
    expect(authorityOf(person("admin", { isBot: true }))).toMatchObject({ allowed: false, bot: true });
    expect(authorityOf(person("admin", { login: "ci-helper[bot]", owners: ["ci-helper[bot]"] }))).toMatchObject({
      allowed: false,
      bot: true,
    });
  });
});

describe("mayCommand", () => {
  it.each(permissions)(
    "with %s access and no owners, allows every command only from write access up (help for everyone)",
    (permission) => {
      const writer = writerLevels.includes(permission);
      for (const command of commandNames) {
        const verdict = mayCommand(person(permission), command);
        expect({ command, allowed: verdict.allowed }).toEqual({ command, allowed: writer || command === "help" });
      }
    },
  );

  it("with owners configured, refuses a writer who is not listed (help stays open)", () => {
    for (const permission of writerLevels) {
      for (const command of commandNames) {
        const verdict = mayCommand(person(permission, { owners: ["mona"] }), command);
        expect({ command, allowed: verdict.allowed }).toEqual({ command, allowed: command === "help" });
      }
    }
  });

  it("lets listed owners with write access command, matching logins case-insensitively", () => {
    for (const permission of writerLevels) {
      expect(mayCommand(person(permission, { login: "Mona", owners: ["mona"] }), "dispatch")).toEqual({
        allowed: true,
        as: "owner",
      });
      expect(mayCommand(person(permission, { login: "mona", owners: ["@MONA"] }), "pause")).toEqual({
        allowed: true,
        as: "owner",
      });
    }
  });

  it("never lets a bot command, even a listed owner, and gives it no reply", () => {
    expect(mayCommand(person("admin", { isBot: true }), "help")).toEqual({ allowed: false, silent: true });
    expect(mayCommand(person("admin", { login: "renovate[bot]", owners: ["renovate[bot]"] }), "status")).toEqual({
      allowed: false,
      silent: true,
    });
  });

  it("refuses politely, naming the command, who may, and the access the user has", () => {
    const verdict = mayCommand(person("triage"), "answer" satisfies CommandName);
    if (verdict.allowed || verdict.silent) throw new Error("expected a refusal with a reply");
    expect(verdict.reply).toContain("@alice");
    expect(verdict.reply).toContain("`/answer`");
    expect(verdict.reply).toContain("users with write access");
    expect(verdict.reply).toContain("triage access");
    const listed = mayCommand(person("write", { owners: ["mona"] }), "unblock");
    if (listed.allowed || listed.silent) throw new Error("expected a refusal with a reply");
    expect(listed.reply).toContain("only the owners listed in `.github/autopilot.yml` can use `/unblock`");
    expect(listed.reply).toContain("you have write access");
  });

  it("tells who is allowed as what", () => {
    expect(mayCommand(person("write"), "status")).toEqual({ allowed: true, as: "writer" });
    expect(mayCommand(person("read"), "help")).toEqual({ allowed: true, as: "anyone" });
    expect(mayCommand(person("read")).allowed).toBe(false);
  });
});

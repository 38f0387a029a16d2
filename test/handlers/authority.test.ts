import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { hasWriteAccess, permissionOf, senderAuthority } from "../../src/handlers/authority.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

const withOwners = (owners: string[], permissions: Record<string, string>) => {
  const github = fakeGitHubPort({ permissions });
  return { github, ctx: contextOn(github, { ...defaultConfig(), owners }) };
};

/** A listed owner's login is bare text: it counts only while GitHub gives the account write access. */
describe("senderAuthority with owners listed", () => {
  it("lets a listed owner with write access move a task, reading only their access", async () => {
    const { github, ctx } = withOwners(["@Mona"], { mona: "write", walter: "admin" });
    expect(await senderAuthority(ctx, ctx.config, { login: "mona" })).toEqual({ allowed: true, as: "owner" });
    // a login the list does not name is refused without a read
    expect(await senderAuthority(ctx, ctx.config, { login: "walter" })).toMatchObject({ allowed: false });
    expect(github.callsTo("permissionOf")).toEqual([["mona"]]);
  });

  it("refuses a listed login GitHub gives read access or does not know, naming why", async () => {
    const { ctx } = withOwners(["mona", "ghostly"], { mona: "read" });
    for (const login of ["mona", "ghostly"]) {
      const authority = await senderAuthority(ctx, ctx.config, { login });
      expect(authority).toMatchObject({ allowed: false, bot: false });
      if (!authority.allowed) expect(authority.who).toContain("who have write access to this repository");
    }
  });
});

describe("permissionOf and hasWriteAccess", () => {
  it("judge a custom repository role by the base permission GitHub derives from it", async () => {
    const github = fakeGitHubPort(
      {},
      { permissionOf: async () => ({ permission: "write", role_name: "release-manager" }) },
    );
    const ctx = contextOn(github, defaultConfig());
    expect(await permissionOf(ctx, "rel")).toBe("write");
    expect(await hasWriteAccess(ctx, "rel")).toBe(true);
  });

  it("take an account GitHub does not know as having no access", async () => {
    const ctx = contextOn(fakeGitHubPort({ permissions: {} }), defaultConfig());
    expect(await permissionOf(ctx, "ghostly")).toBe("none");
    expect(await hasWriteAccess(ctx, "ghostly")).toBe(false);
  });
});

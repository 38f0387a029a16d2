import { afterEach, describe, expect, it } from "vitest";
import { startAppHarness, type AppHarness } from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

describe("personWith", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("makes real accounts of each role through the admin and invitation endpoints", async () => {
    h = await startAppHarness();
    const repo = { owner: "acme", repo: "widgets" };
    const triager = await personWith(h, "tia", "triage");
    const writer = await personWith(h, "wes", "write");
    const outsider = await personWith(h, "olga", "none");
    const role = async (username: string) =>
      (await h!.user.rest.repos.getCollaboratorPermissionLevel({ ...repo, username })).data.role_name;
    expect([await role("tia"), await role("wes"), await role("olga")]).toEqual(["triage", "write", "read"]);
    expect((await writer.rest.issues.create({ ...repo, title: "From a writer" })).data.user?.login).toBe("wes");
    // each acts as itself, with its role's limits
    await expect(
      triager.rest.repos.createOrUpdateFileContents({ ...repo, path: "x.md", message: "x", content: "eA==" }),
    ).rejects.toMatchObject({ status: 403 });
    const issue = await outsider.rest.issues.create({ ...repo, title: "From outside" });
    expect(issue.data.user?.login).toBe("olga");
    // a person GitHub already knows gets a role all the same
    await personWith(h, "tia", "maintain");
    expect(await role("tia")).toBe("maintain");
  });
});

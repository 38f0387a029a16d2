import { describe, expect, it } from "vitest";
import { githubActionsApp } from "../../../src/state/index.js";
import { requestFailure, useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { asInstalledApp, restrictMain } from "../repos/restriction-helpers.js";
import { commitTo, openPull } from "./pull-helpers.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";
const notAuthorized = {
  status: 405,
  message:
    "You're not authorized to push to this branch. Visit https://docs.github.com/articles/about-protected-branches/ " +
    "for more information.",
};

const pullOn = async (branch: string): Promise<number> => {
  await commitTo(fixture, branch, { [`${branch}.txt`]: `${branch}\n` });
  return openPull(fixture, branch);
};
const merge = (octokit: TestOctokit, pullNumber: number) =>
  octokit.rest.pulls.merge({ owner, repo, pull_number: pullNumber });
const stateOf = async (pullNumber: number) =>
  (await fixture.app().rest.pulls.get({ owner, repo, pull_number: pullNumber })).data;

describe("Merging a pull request into a branch with push restrictions", () => {
  it("refuses an app the restrictions leave out with GitHub's 405, and merges once the app is listed", async () => {
    const pull = await pullOn("feature");
    await restrictMain(fixture, { users: ["octocat"] });
    expect(await requestFailure(merge(fixture.app(), pull))).toMatchObject(notAuthorized);
    expect(await stateOf(pull)).toMatchObject({ state: "open", merged: false });

    await restrictMain(fixture, { users: ["octocat"], apps: ["autopilot-sandbox"] });
    // another app, such as a workflow's GITHUB_TOKEN, is still left out
    const actions = asInstalledApp(fixture, githubActionsApp);
    expect(await requestFailure(merge(actions, pull))).toMatchObject(notAuthorized);
    expect((await merge(fixture.app(), pull)).data.merged).toBe(true);
    expect(await stateOf(pull)).toMatchObject({ state: "closed", merged: true });
  });

  it("refuses an unlisted writer and merges for a listed one", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    fixture.ctx.state.setPermission(fixture.repo, "trusted", "write");
    const first = await pullOn("first");
    const second = await pullOn("second");
    await restrictMain(fixture, { users: ["trusted"] });

    expect(await requestFailure(merge(fixture.user("writer"), first))).toMatchObject(notAuthorized);
    expect((await merge(fixture.user("trusted"), first)).data.merged).toBe(true);
    expect((await merge(fixture.user("Trusted"), second)).data.merged).toBe(true);
  });

  it("lets an unlisted admin merge unless enforce_admins is on", async () => {
    const first = await pullOn("first");
    const second = await pullOn("second");
    await restrictMain(fixture, { users: [] });
    expect((await merge(fixture.user("octocat"), first)).data.merged).toBe(true);

    await restrictMain(fixture, { users: [] }, { enforceAdmins: true });
    expect(await requestFailure(merge(fixture.user("octocat"), second))).toMatchObject(notAuthorized);
  });

  it("names the restriction before the reviews the pull request lacks (the sandbox's reading of the order)", async () => {
    const pull = await pullOn("feature");
    await restrictMain(fixture, { users: [] }, { reviews: true });
    expect(await requestFailure(merge(fixture.app(), pull))).toMatchObject(notAuthorized);

    await restrictMain(fixture, { users: [], apps: ["autopilot-sandbox"] }, { reviews: true });
    expect(await requestFailure(merge(fixture.app(), pull))).toMatchObject({
      status: 405,
      message: "At least 1 approving review is required by reviewers with write access.",
    });
  });
});

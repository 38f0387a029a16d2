import { describe, expect, it } from "vitest";
import { githubActionsApp } from "../../../src/state/index.js";
import { asActions, commitOnto, requestFailure, useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { commitTo, openPull } from "../pulls/pull-helpers.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";
const autopilotId = 4242;

const violations = (...lines: string[]) =>
  `Repository rule violations found\n\n${lines.map((line) => `${line}\n\n`).join("")}`;
const updateRefused = { status: 422, message: violations("Cannot update this protected ref.") };

type Rule = { type: string; parameters?: Record<string, unknown> };
type Actor = { actor_id: number; actor_type: string; bypass_mode?: string };
const update: Rule = { type: "update" };
const pullRequest: Rule = {
  type: "pull_request",
  parameters: {
    required_approving_review_count: 1,
    dismiss_stale_reviews_on_push: false,
    require_code_owner_review: false,
    require_last_push_approval: false,
    required_review_thread_resolution: false,
  },
};
const requiredCi: Rule = {
  type: "required_status_checks",
  parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "ci/test" }] },
};

const createRuleset = (name: string, rules: Rule[], bypass: Actor[]) =>
  fixture.user("octocat").rest.repos.createRepoRuleset({
    owner,
    repo,
    name,
    enforcement: "active",
    conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
    rules: rules as never,
    bypass_actors: bypass as never,
  });

const moveMain = (octokit: TestOctokit, sha: string, force = false) =>
  octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha, force });
const mainSha = () => fixture.repo.git.getRef("refs/heads/main");

describe("Ruleset bypass lists (apps)", () => {
  it("let the listed app push past the ruleset's rules where another app and an admin are refused", async () => {
    const actions = asActions(fixture);
    await createRuleset(
      "locked",
      [update, pullRequest, requiredCi],
      [{ actor_id: autopilotId, actor_type: "Integration", bypass_mode: "always" }],
    );
    const next = await commitOnto(fixture, fixture.initialSha, { "next.txt": "next\n" });
    expect(await requestFailure(moveMain(actions, next))).toMatchObject(updateRefused);
    expect(await requestFailure(moveMain(fixture.user("octocat"), next))).toMatchObject(updateRefused);
    expect(await mainSha()).toBe(fixture.initialSha);

    expect((await moveMain(fixture.app(), next)).status).toBe(200);
    expect(await mainSha()).toBe(next);
    // reading the branch's rules is not writing: every rule is listed, to the bypassing app too
    const rules = (await fixture.app().rest.repos.getBranchRules({ owner, repo, branch: "main" })).data;
    expect(rules.map((rule) => rule.type)).toEqual(["update", "pull_request", "required_status_checks"]);
  });

  it("in pull_request mode let the app merge a pull request but not push directly", async () => {
    const actions = asActions(fixture);
    await createRuleset(
      "through pulls",
      [update, requiredCi],
      [{ actor_id: autopilotId, actor_type: "Integration", bypass_mode: "pull_request" }],
    );
    const next = await commitOnto(fixture, fixture.initialSha, { "next.txt": "next\n" });
    expect(await requestFailure(moveMain(fixture.app(), next))).toMatchObject(updateRefused);

    await commitTo(fixture, "feature", { "f.txt": "f\n" });
    const pull_number = await openPull(fixture, "feature");
    expect(await requestFailure(actions.rest.pulls.merge({ owner, repo, pull_number }))).toMatchObject({
      status: 405,
      message: violations("Cannot update this protected ref."),
    });
    const merged = await fixture.app().rest.pulls.merge({ owner, repo, pull_number });
    expect(merged.data.merged).toBe(true);
    expect(await mainSha()).toBe(merged.data.sha);
  });

  it("leave the app under the rulesets that do not list it", async () => {
    await createRuleset("no updates", [update], [{ actor_id: autopilotId, actor_type: "Integration" }]);
    await createRuleset("no force pushes", [{ type: "non_fast_forward" }], []);
    const next = await commitOnto(fixture, fixture.initialSha, { "next.txt": "next\n" });
    expect((await moveMain(fixture.app(), next)).status).toBe(200);
    const unrelated = await commitOnto(fixture, fixture.initialSha, { "other.txt": "other\n" });
    expect(await requestFailure(moveMain(fixture.app(), unrelated, true))).toMatchObject({
      status: 422,
      message: violations("Cannot force-push to this branch"),
    });
    expect(await mainSha()).toBe(next);
  });

  it("answer current_user_can_bypass to each caller and bypass_actors only to administrators", async () => {
    const actions = asActions(fixture);
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    const listed = [
      { actor_id: autopilotId, actor_type: "Integration", bypass_mode: "always" },
      { actor_id: githubActionsApp.id, actor_type: "Integration", bypass_mode: "pull_request" },
    ];
    const created = (await createRuleset("listed", [update], listed)).data;
    expect(created.bypass_actors).toEqual(listed);
    const read = async (octokit: TestOctokit) =>
      (await octokit.rest.repos.getRepoRuleset({ owner, repo, ruleset_id: created.id })).data;

    // the app's installation has no `administration` permission: it reads its own bypass, not the list
    const asAutopilot = await read(fixture.app());
    expect(asAutopilot.current_user_can_bypass).toBe("always");
    expect(asAutopilot).not.toHaveProperty("bypass_actors");
    expect((await read(actions)).current_user_can_bypass).toBe("pull_requests_only");
    const asWriter = await read(fixture.user("writer"));
    expect(asWriter.current_user_can_bypass).toBe("never");
    expect(asWriter).not.toHaveProperty("bypass_actors");
    const asAdmin = await read(fixture.user("octocat"));
    expect(asAdmin).toMatchObject({ current_user_can_bypass: "never", bypass_actors: listed });

    // an update that leaves bypass_actors out keeps them; an empty list clears them
    const admin = fixture.user("octocat").rest.repos;
    await admin.updateRepoRuleset({ owner, repo, ruleset_id: created.id, name: "renamed" });
    expect((await read(fixture.user("octocat"))).bypass_actors).toEqual(listed);
    await admin.updateRepoRuleset({ owner, repo, ruleset_id: created.id, bypass_actors: [] });
    expect((await read(fixture.app())).current_user_can_bypass).toBe("never");
  });

  it("refuse the actor types the sandbox does not model and apps it does not know", async () => {
    for (const actor_type of ["OrganizationAdmin", "RepositoryRole", "Team", "DeployKey", "User"]) {
      const { status, message } = await requestFailure(
        createRuleset(`by ${actor_type}`, [update], [{ actor_id: 1, actor_type, bypass_mode: "always" }]),
      );
      expect(status).toBe(422);
      expect(message).toContain(`"${actor_type}" is not implemented`);
    }
    expect(
      await requestFailure(createRuleset("unknown app", [update], [{ actor_id: 999_999, actor_type: "Integration" }])),
    ).toMatchObject({ status: 422 });
    expect((await fixture.user("octocat").rest.repos.getRepoRulesets({ owner, repo })).data).toEqual([]);
  });
});

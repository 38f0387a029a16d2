import { describe, expect, it } from "vitest";
import { requestFailure, useRestFixture } from "../rest-fixture.js";
import { commitTo, openPull } from "../pulls/pull-helpers.js";
import { mergeQueueRule } from "../../../src/queue/merge-queue-ruleset.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";

const mergeQueue = mergeQueueRule("MERGE");
const requiredCi = (integrationId?: number) => ({
  type: "required_status_checks" as const,
  parameters: {
    strict_required_status_checks_policy: false,
    required_status_checks: [{ context: "ci/test", ...(integrationId ? { integration_id: integrationId } : {}) }],
  },
});
type Rule = typeof mergeQueue | ReturnType<typeof requiredCi>;

const createRuleset = (
  rules: Rule[],
  options: { include?: string[]; exclude?: string[]; enforcement?: "active" | "disabled" | "evaluate" } = {},
) =>
  fixture.user("octocat").rest.repos.createRepoRuleset({
    owner,
    repo,
    name: `rules ${Math.random()}`,
    target: "branch",
    enforcement: options.enforcement ?? "active",
    conditions: { ref_name: { include: options.include ?? ["~DEFAULT_BRANCH"], exclude: options.exclude ?? [] } },
    rules,
  });

const rulesOn = async (branch: string) => (await fixture.app().rest.repos.getBranchRules({ owner, repo, branch })).data;

describe("Repository rulesets", () => {
  it("are written by administrators only and read by anyone who can read the repository", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    const body = {
      owner,
      repo,
      name: "queue",
      enforcement: "active" as const,
      conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
      rules: [mergeQueue],
    };
    expect(await requestFailure(fixture.user("writer").rest.repos.createRepoRuleset(body))).toMatchObject({
      status: 403,
      message: "Must have admin rights to Repository.",
    });
    // the app's installation has no `administration` permission
    expect(await requestFailure(fixture.app().rest.repos.createRepoRuleset(body))).toMatchObject({
      status: 403,
      message: "Resource not accessible by integration",
    });
    expect(await rulesOn("main")).toEqual([]);

    const created = (await fixture.user("octocat").rest.repos.createRepoRuleset(body)).data;
    expect(created).toMatchObject({
      name: "queue",
      source_type: "Repository",
      source: "acme/widgets",
      target: "branch",
    });
    expect(await requestFailure(fixture.user("octocat").rest.repos.createRepoRuleset(body))).toMatchObject({
      status: 422,
    });

    const listed = (await fixture.user("reader").rest.repos.getRepoRulesets({ owner, repo })).data;
    expect(listed.map((ruleset) => ruleset.id)).toEqual([created.id]);
    const read = (await fixture.app().rest.repos.getRepoRuleset({ owner, repo, ruleset_id: created.id })).data;
    expect(read.rules).toEqual([mergeQueue]);
    expect(await rulesOn("main")).toEqual([
      { ...mergeQueue, ruleset_source_type: "Repository", ruleset_source: "acme/widgets", ruleset_id: created.id },
    ]);
    expect(await rulesOn("feature")).toEqual([]);

    await fixture.user("octocat").rest.repos.updateRepoRuleset({
      owner,
      repo,
      ruleset_id: created.id,
      enforcement: "evaluate",
    });
    expect(await rulesOn("main")).toEqual([]);
    expect(
      await requestFailure(
        fixture.user("writer").rest.repos.deleteRepoRuleset({ owner, repo, ruleset_id: created.id }),
      ),
    ).toMatchObject({ status: 403 });
    await fixture.user("octocat").rest.repos.deleteRepoRuleset({ owner, repo, ruleset_id: created.id });
    expect(
      await requestFailure(fixture.app().rest.repos.getRepoRuleset({ owner, repo, ruleset_id: created.id })),
    ).toMatchObject({ status: 404 });
  });

  it("apply to the branches their conditions name, fnmatch patterns and exclusions included", async () => {
    await createRuleset([requiredCi()], {
      include: ["refs/heads/release/*", "~DEFAULT_BRANCH"],
      exclude: ["refs/heads/release/old"],
    });
    await createRuleset([mergeQueue], { include: ["~ALL"], enforcement: "disabled" });
    expect((await rulesOn("main")).map((rule) => rule.type)).toEqual(["required_status_checks"]);
    expect((await rulesOn("release/2.0")).map((rule) => rule.type)).toEqual(["required_status_checks"]);
    expect(await rulesOn("release/old")).toEqual([]);
    expect(await rulesOn("release/2.0/hotfix")).toEqual([]);
  });

  it("refuse with a 422 what the sandbox does not model rather than accept it and not enforce it", async () => {
    const refusal = async (promise: Promise<unknown>, names: string) => {
      const { status, message } = await requestFailure(promise);
      expect(status).toBe(422);
      expect(message).toContain(names);
      expect(message).toContain("not implemented");
    };
    const admin = fixture.user("octocat").rest.repos;
    const base = { owner, repo, name: "x", enforcement: "active" as const };
    const onMain = { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } };
    await refusal(
      admin.createRepoRuleset({ ...base, conditions: onMain, rules: [{ type: "required_signatures" }] }),
      "required_signatures",
    );
    await refusal(admin.createRepoRuleset({ ...base, target: "tag", conditions: onMain, rules: [] }), "tag");
    await refusal(
      admin.createRepoRuleset({
        ...base,
        conditions: onMain,
        rules: [],
        bypass_actors: [{ actor_id: 1, actor_type: "RepositoryRole", bypass_mode: "always" }],
      }),
      "bypass_actors",
    );
    await refusal(
      admin.createRepoRuleset({
        ...base,
        conditions: onMain,
        rules: [{ ...mergeQueue, parameters: { ...mergeQueue.parameters, min_entries_to_merge: 3 } }],
      }),
      "min_entries_to_merge",
    );
    await refusal(
      admin.createRepoRuleset({ ...base, conditions: { ref_name: { include: ["main"], exclude: [] } }, rules: [] }),
      '"main"',
    );
    expect((await admin.getRepoRulesets({ owner, repo })).data).toEqual([]);
  });
});

describe("A direct merge under rulesets", () => {
  it("is refused with 405 on a branch whose active ruleset has a merge queue, even for an admin", async () => {
    await commitTo(fixture, "feature", { "src/a.ts": "export {};\n" });
    const pull = await openPull(fixture, "feature");
    await createRuleset([mergeQueue]);
    for (const octokit of [fixture.app(), fixture.user("octocat")]) {
      expect(await requestFailure(octokit.rest.pulls.merge({ owner, repo, pull_number: pull }))).toMatchObject({
        status: 405,
        message: "Changes must be made through the merge queue",
      });
    }
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(fixture.initialSha);
  });

  it("waits for a ruleset's required checks, from the pinned app only, and lets them pass", async () => {
    const head = await commitTo(fixture, "feature", { "src/a.ts": "export {};\n" });
    const pull = await openPull(fixture, "feature");
    await createRuleset([requiredCi(4242)]);
    const merge = () => fixture.user("octocat").rest.pulls.merge({ owner, repo, pull_number: pull });
    const stateOf = async () =>
      (await fixture.app().rest.pulls.get({ owner, repo, pull_number: pull })).data.mergeable_state;
    expect(await stateOf()).toBe("blocked");
    expect(await requestFailure(merge())).toMatchObject({
      status: 405,
      message: 'Repository rule violations found\n\nRequired status check "ci/test" is expected.',
    });
    // a commit status has no app: it does not satisfy a check pinned to one
    await fixture
      .user("octocat")
      .rest.repos.createCommitStatus({ owner, repo, sha: head, state: "success", context: "ci/test" });
    expect(await requestFailure(merge())).toMatchObject({ status: 405 });
    await fixture.app().rest.checks.create({ owner, repo, name: "ci/test", head_sha: head, conclusion: "success" });
    expect(await stateOf()).toBe("clean");
    expect((await merge()).data.merged).toBe(true);
  });

  it("keeps direct pushes of unchecked commits off the branch, and everyone off the queue's branches", async () => {
    await createRuleset([requiredCi()]);
    const sha = await commitTo(fixture, "side", { "x.md": "x\n" });
    const refused = await requestFailure(
      fixture.user("octocat").rest.git.updateRef({ owner, repo, ref: "heads/main", sha }),
    );
    expect(refused).toMatchObject({ status: 422 });
    expect(refused.message).toContain("Repository rule violations found");
    expect(
      await requestFailure(
        fixture
          .user("octocat")
          .rest.git.createRef({ owner, repo, ref: "refs/heads/gh-readonly-queue/main/pr-1-x", sha }),
      ),
    ).toMatchObject({ status: 422 });
  });

  it("judges a new branch by the required checks too, unless the rule says do_not_enforce_on_create", async () => {
    const sha = await commitTo(fixture, "side", { "y.md": "y\n" });
    const { data } = await createRuleset([requiredCi()], { include: ["refs/heads/release/**"] });
    const create = (ref: string) => fixture.app().rest.git.createRef({ owner, repo, ref, sha });
    const refused = await requestFailure(create("refs/heads/release/1"));
    expect(refused).toMatchObject({ status: 422 });
    expect(refused.message).toContain('Required status check "ci/test" is expected.');
    const rule = requiredCi();
    await fixture.user("octocat").rest.repos.updateRepoRuleset({
      owner,
      repo,
      ruleset_id: data.id,
      rules: [{ ...rule, parameters: { ...rule.parameters, do_not_enforce_on_create: true } }],
    });
    expect((await create("refs/heads/release/2")).status).toBe(201);
  });
});

import { describe, expect, it } from "vitest";
import { githubActionsApp } from "../../../src/state/index.js";
import { asActions, useRestFixture } from "../rest-fixture.js";
import { commitFile, failure } from "./commit-file.js";

const repo = { owner: "acme", repo: "widgets" };

describe("a second app (GitHub Actions) beside the sandbox's own", () => {
  let sha: string;
  const fixture = useRestFixture({
    perTest: true,
    setUp: async (started) => {
      sha = await commitFile(started, started.initialSha, "a.txt");
      await started.repo.git.updateRef("refs/heads/main", sha);
    },
  });

  it("keeps each app's runs in its own suite, labelled with the app, in REST and GraphQL", async () => {
    const actions = asActions(fixture);
    const byActions = await actions.rest.checks.create({
      ...repo,
      name: "autopilot/scope",
      head_sha: sha,
      status: "completed",
      conclusion: "success",
    });
    expect(byActions.data.app).toMatchObject({
      id: githubActionsApp.id,
      slug: "github-actions",
      owner: { login: "github" },
    });
    expect(fixture.events.at(-1)).toMatchObject({ sender: { login: "github-actions[bot]" } });
    const byApp = await fixture.app().rest.checks.create({ ...repo, name: "autopilot/scope", head_sha: sha });
    expect(byApp.data.app).toMatchObject({ id: 4242, slug: "autopilot-sandbox" });
    expect(byApp.data.check_suite!.id).not.toBe(byActions.data.check_suite!.id);

    // the latest run of a name is kept per app: Actions' newer run of the name hides nothing
    const latest = await fixture.app().rest.checks.listForRef({ ...repo, ref: sha });
    expect(latest.data.check_runs.map((run) => run.app?.slug)).toEqual(["autopilot-sandbox", "github-actions"]);
    const mine = await fixture.app().rest.checks.listForRef({ ...repo, ref: sha, app_id: 4242 });
    expect(mine.data.check_runs.map((run) => run.id)).toEqual([byApp.data.id]);
    const suites = await fixture.app().rest.checks.listSuitesForRef({ ...repo, ref: sha, app_id: githubActionsApp.id });
    expect(suites.data.check_suites.map((suite) => suite.app?.slug)).toEqual(["github-actions"]);

    const query = `query($sha: GitObjectID!) { repository(owner: "acme", name: "widgets") { object(oid: $sha) { ... on Commit {
      checkSuites(first: 10) { nodes { app { databaseId slug } checkRuns(first: 10) { nodes { name conclusion checkSuite { app { slug } } } } } } } } } }`;
    const answer = await fixture
      .app()
      .graphql<{ repository: { object: { checkSuites: { nodes: unknown[] } } } }>(query, { sha });
    expect(answer.repository.object.checkSuites.nodes).toEqual([
      {
        app: { databaseId: githubActionsApp.id, slug: "github-actions" },
        checkRuns: {
          nodes: [{ name: "autopilot/scope", conclusion: "SUCCESS", checkSuite: { app: { slug: "github-actions" } } }],
        },
      },
      {
        app: { databaseId: 4242, slug: "autopilot-sandbox" },
        checkRuns: {
          nodes: [{ name: "autopilot/scope", conclusion: null, checkSuite: { app: { slug: "autopilot-sandbox" } } }],
        },
      },
    ]);
  });

  it("lets only the app that made a run change it", async () => {
    const actions = asActions(fixture);
    const forged = await actions.rest.checks.create({ ...repo, name: "ci/test", head_sha: sha });
    const takeover = fixture.app().rest.checks.update({ ...repo, check_run_id: forged.data.id, conclusion: "failure" });
    expect(await failure(takeover)).toEqual({ status: 403, message: "Resource not accessible by integration" });
    const own = await fixture.app().rest.checks.create({ ...repo, name: "autopilot/scope", head_sha: sha });
    const tampered = actions.rest.checks.update({ ...repo, check_run_id: own.data.id, conclusion: "success" });
    expect(await failure(tampered)).toMatchObject({ status: 403 });
    await actions.rest.checks.update({ ...repo, check_run_id: forged.data.id, conclusion: "success" });
  });

  it("posts commit statuses as github-actions[bot]", async () => {
    const actions = asActions(fixture);
    const { data } = await actions.rest.repos.createCommitStatus({
      ...repo,
      sha,
      state: "success",
      context: "ci/test",
    });
    expect(data.creator).toMatchObject({ login: "github-actions[bot]", type: "Bot" });
  });
});

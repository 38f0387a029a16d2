import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { silentOctokitLog } from "../../http/http-fixture.js";
import { commitOnto, requestFailure, useRestFixture, type RestFixture } from "../rest-fixture.js";

const owner = "acme";
const repo = "widgets";
const workflow = Buffer.from("name: CI\non: push\njobs: {}\n").toString("base64");
const refusal = (path: string) =>
  `refusing to allow a GitHub App to create or update workflow \`${path}\` without \`workflows\` permission`;

/** An app installed on the account whose installation grants `workflows: write`. */
function appWithWorkflows(fixture: RestFixture) {
  const permissions = { contents: "write", metadata: "read", workflows: "write" };
  const installation = fixture.ctx.state.installOtherApp({
    id: 9090,
    slug: "release-bot",
    name: "Release bot",
    ownerLogin: "acme",
    permissions,
  });
  fixture.ctx.auth.grantInstallation(installation.id, permissions);
  const token = fixture.ctx.auth.createInstallationToken(installation.id).token;
  return new ProbotOctokit({
    auth: { token },
    baseUrl: fixture.url,
    log: silentOctokitLog,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

describe("The workflows permission", () => {
  const fixture = useRestFixture({ perTest: true });

  it("refuses the app's contents write to .github/workflows/ without `workflows: write` (403), a person's passes", async () => {
    const put = fixture.app().rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: ".github/workflows/ci.yml",
      message: "CI",
      content: workflow,
    });
    const failure = await requestFailure(put);
    expect(failure).toMatchObject({ status: 403, message: refusal(".github/workflows/ci.yml") });
    expect(failure.data).toMatchObject({
      status: "403",
      documentation_url: expect.stringContaining("docs.github.com"),
    });
    expect(await fixture.repo.git.readFile("main", ".github/workflows/ci.yml")).toBeUndefined();
    // other files under .github/ are contents like any other
    await fixture.app().rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: ".github/CODEOWNERS",
      message: "owners",
      content: "KiBAb2N0b2NhdAo=",
    });

    const byPerson = await fixture.user().rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: ".github/workflows/ci.yml",
      message: "CI",
      content: workflow,
    });
    expect(byPerson.status).toBe(201);
    const sha = byPerson.data.content?.sha ?? "";
    const deletion = fixture
      .app()
      .rest.repos.deleteFile({ owner, repo, path: ".github/workflows/ci.yml", message: "no CI", sha });
    expect(await requestFailure(deletion)).toMatchObject({ status: 403, message: refusal(".github/workflows/ci.yml") });
  });

  it("refuses the app's ref update or new branch whose commits change a workflow (422); other moves pass", async () => {
    const app = fixture.app();
    const main = fixture.initialSha;
    const withWorkflow = await commitOnto(fixture, main, { ".github/workflows/agent.yml": "on: workflow_dispatch\n" });
    await app.rest.git.createRef({ owner, repo, ref: "refs/heads/task", sha: main });

    const move = app.rest.git.updateRef({ owner, repo, ref: "heads/task", sha: withWorkflow });
    expect(await requestFailure(move)).toMatchObject({ status: 422, message: refusal(".github/workflows/agent.yml") });
    const create = app.rest.git.createRef({ owner, repo, ref: "refs/heads/sneaky", sha: withWorkflow });
    expect(await requestFailure(create)).toMatchObject({
      status: 422,
      message: refusal(".github/workflows/agent.yml"),
    });
    expect(await fixture.repo.git.getRef("refs/heads/task")).toBe(main);
    expect(await fixture.repo.git.getRef("refs/heads/sneaky")).toBeUndefined();

    // a commit that leaves workflows alone moves, and an app granted `workflows: write` may move the other
    const plain = await commitOnto(fixture, main, { "src/a.ts": "export {};\n" });
    expect((await app.rest.git.updateRef({ owner, repo, ref: "heads/task", sha: plain })).status).toBe(200);
    const granted = appWithWorkflows(fixture);
    expect(
      (await granted.rest.git.createRef({ owner, repo, ref: "refs/heads/release", sha: withWorkflow })).status,
    ).toBe(201);
    expect(
      (
        await granted.rest.repos.createOrUpdateFileContents({
          owner,
          repo,
          path: ".github/workflows/ci.yml",
          message: "CI",
          content: workflow,
          branch: "release",
        })
      ).status,
    ).toBe(201);
  });

  it("lets the app branch from a default branch that already holds workflows", async () => {
    const withWorkflow = await commitOnto(fixture, fixture.initialSha, { ".github/workflows/ci.yml": "on: push\n" });
    await fixture.user().rest.git.updateRef({ owner, repo, ref: "heads/main", sha: withWorkflow });
    const created = await fixture
      .app()
      .rest.git.createRef({ owner, repo, ref: "refs/heads/autopilot/T-1-x", sha: withWorkflow });
    expect(created.status).toBe(201);
  });

  it("refuses the app's update-branch that would bring a base's workflow change into the head, and its merge of one (403)", async () => {
    const user = fixture.user();
    const app = fixture.app();
    const main = fixture.initialSha;
    const feature = await commitOnto(fixture, main, { "src/feature.ts": "export {};\n" });
    await fixture.repo.git.createRef("refs/heads/feature", feature);
    const ci = await commitOnto(fixture, main, { ".github/workflows/ci.yml": "on: push\n" });
    await user.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: ci });
    const pull = (await user.rest.pulls.create({ owner, repo, head: "feature", base: "main", title: "Feature" })).data;

    const update = app.rest.pulls.updateBranch({ owner, repo, pull_number: pull.number, expected_head_sha: feature });
    expect(await requestFailure(update)).toMatchObject({ status: 403, message: refusal(".github/workflows/ci.yml") });
    expect(await fixture.repo.git.getRef("refs/heads/feature")).toBe(feature);
    expect(
      (await user.rest.pulls.updateBranch({ owner, repo, pull_number: pull.number, expected_head_sha: feature }))
        .status,
    ).toBe(202);

    const changesCi = await commitOnto(fixture, ci, { ".github/workflows/ci.yml": "on: [push, pull_request]\n" });
    await fixture.repo.git.createRef("refs/heads/ci-change", changesCi);
    const ciPull = (await user.rest.pulls.create({ owner, repo, head: "ci-change", base: "main", title: "CI" })).data;
    const merge = app.rest.pulls.merge({ owner, repo, pull_number: ciPull.number });
    expect(await requestFailure(merge)).toMatchObject({ status: 403, message: refusal(".github/workflows/ci.yml") });
    expect((await user.rest.pulls.merge({ owner, repo, pull_number: ciPull.number })).data.merged).toBe(true);
  });
});

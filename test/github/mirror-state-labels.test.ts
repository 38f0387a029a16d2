import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GithubClient, KnownLabels, mirrorStateLabels } from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
const repo = { owner: "acme", repo: "widgets" };
beforeAll(async () => {
  gh = await startGithubFixture();
});
afterAll(() => gh.close());
// what one app instance knows of the labels: a fresh one per test
let known: KnownLabels;
beforeEach(() => {
  known = new KnownLabels();
});

const labelsOn = async (number: number) =>
  (await gh.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: number })).data
    .map((label) => label.name)
    .sort();

let branches = 0;
/** An issue and a pull request, both labelled `labels` by a person. */
async function task(labels: string[]): Promise<{ issue: number; pull: number }> {
  const issue = (await gh.user.rest.issues.create({ ...repo, title: "Sort the widgets", labels })).data.number;
  const branch = `autopilot/T-${issue}-${(branches += 1)}`;
  await gh.commit(branch, { [`f${issue}.txt`]: "x\n" });
  const pull = (await gh.user.rest.pulls.create({ ...repo, title: `T-${issue}`, head: branch, base: "main" })).data
    .number;
  if (labels.length > 0) await gh.user.rest.issues.addLabels({ ...repo, issue_number: pull, labels });
  return { issue, pull };
}

/** A task's issue and its pull request, as the mirror's targets. */
const both = (issue: number, pull: number) => [
  { number: issue, kind: "issue" as const },
  { number: pull, kind: "pull" as const },
];

const operations = (mark: number) => gh.callsSince(mark).map((call) => call.operationId);

/** The app's client, with GitHub's answer to a removal replaced by a field error on each removal alias. */
function refusingRemovals(
  octokit: GithubClient,
  refusal = { type: "UNPROCESSABLE", message: "The label is not applied to this labelable." },
): GithubClient {
  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const removals = Object.keys(variables).filter((name) => /^r\d+Labels$/.test(name));
    // the removals change nothing, as if GitHub had refused them
    const data = await octokit.graphql<Record<string, unknown>>(query, {
      ...variables,
      ...Object.fromEntries(removals.map((name) => [name, []])),
    });
    throw Object.assign(new Error("Request failed due to following response errors"), {
      data: { ...data, ...Object.fromEntries(removals.map((name) => [name.replace("Labels", ""), null])) },
      errors: removals.map((name) => ({ ...refusal, path: [name.replace("Labels", "")] })),
    });
  };
  return Object.assign(Object.create(octokit) as GithubClient, { graphql });
}

describe("mirrorStateLabels", () => {
  it("moves the state label on an issue and its PR in one request, without listing their labels", async () => {
    for (const name of ["autopilot:review", "autopilot:blocked"])
      await gh.user.rest.issues.createLabel({ ...repo, name, color: "fbca04" }).catch(() => undefined);
    const { issue, pull } = await task(["autopilot", "autopilot:in-progress", "risk:low"]);
    await gh.user.rest.issues.removeLabel({ ...repo, issue_number: pull, name: "autopilot" });
    await known.of(gh.app, repo); // the instance looked at the repository's labels before
    const mark = gh.mark();
    await mirrorStateLabels(
      gh.app,
      repo,
      {
        targets: both(issue, pull),
        status: "review",
        risk: "low",
      },
      known,
    );
    // the item ids are read once per instance (then kept); the labels never
    expect(operations(mark)).toEqual(["issues/get", "pulls/get", "graphql"]);
    expect(await labelsOn(issue)).toEqual(["autopilot", "autopilot:review", "risk:low"]);
    expect(await labelsOn(pull)).toEqual(["autopilot:review", "risk:low"]);

    const again = gh.mark();
    await mirrorStateLabels(
      gh.app,
      repo,
      {
        targets: both(issue, pull),
        status: "blocked",
      },
      known,
    );
    expect(operations(again)).toEqual(["graphql"]);
    expect(await labelsOn(issue)).toEqual(["autopilot", "autopilot:blocked", "risk:low"]);
    expect(await labelsOn(pull)).toEqual(["autopilot:blocked", "risk:low"]);
  });

  it("keeps a label a person added meanwhile, and a removal of what a person removed meanwhile is no failure", async () => {
    const { issue, pull } = await task(["autopilot:in-progress"]);
    // the person already moved the issue by hand, and tagged it
    await gh.user.rest.issues.setLabels({ ...repo, issue_number: issue, labels: ["autopilot:review", "needs-docs"] });
    const result = await mirrorStateLabels(
      gh.app,
      repo,
      {
        targets: both(issue, pull),
        status: "review",
      },
      known,
    );
    expect(result.map((item) => item.number)).toEqual([issue, pull]);
    expect(await labelsOn(issue)).toEqual(["autopilot:review", "needs-docs"]);
    expect(await labelsOn(pull)).toEqual(["autopilot:review"]);
  });

  it("looks at the labels again and retries once when a person deleted and recreated a state label", async () => {
    const { issue, pull } = await task(["autopilot:in-progress"]);
    await known.of(gh.app, repo);
    await gh.user.rest.issues.deleteLabel({ ...repo, name: "autopilot:review" }).catch(() => undefined);
    await gh.user.rest.issues.createLabel({ ...repo, name: "autopilot:review", color: "000000" });
    const targets = both(issue, pull);
    const mark = gh.mark();
    await mirrorStateLabels(gh.app, repo, { targets, status: "review" }, known);
    const calls = operations(mark);
    expect(calls.filter((call) => call === "graphql")).toHaveLength(2);
    expect(calls).toContain("issues/list-labels-for-repo");
    expect(await labelsOn(issue)).toEqual(["autopilot:review"]);
    expect(await labelsOn(pull)).toEqual(["autopilot:review"]);
  });

  it("falls back to REST for an item whose removal GitHub refuses, and still ends with one state label", async () => {
    const { issue, pull } = await task(["autopilot:in-progress", "bug"]);
    const result = await mirrorStateLabels(
      refusingRemovals(gh.app),
      repo,
      {
        targets: both(issue, pull),
        status: "review",
      },
      known,
    );
    expect(await labelsOn(issue)).toEqual(["autopilot:review", "bug"]);
    expect(await labelsOn(pull)).toEqual(["autopilot:review", "bug"]);
    expect(result).toEqual([
      { number: issue, added: ["autopilot:review"], removed: ["autopilot:in-progress"] },
      { number: pull, added: ["autopilot:review"], removed: ["autopilot:in-progress"] },
    ]);
  });

  it("does not retry a removal GitHub answers NOT_FOUND: REST by name, once, for that item", async () => {
    const { issue, pull } = await task(["autopilot:in-progress"]);
    await known.of(gh.app, repo);
    const refusal = { type: "NOT_FOUND", message: "Could not resolve to a node with the global id of 'x'." };
    const mark = gh.mark();
    await mirrorStateLabels(
      refusingRemovals(gh.app, refusal),
      repo,
      {
        targets: both(issue, pull),
        status: "review",
      },
      known,
    );
    const calls = operations(mark);
    expect(calls.filter((call) => call === "graphql")).toHaveLength(1);
    expect(calls.filter((call) => call === "issues/list-labels-on-issue")).toHaveLength(2);
    expect(await labelsOn(issue)).toEqual(["autopilot:review"]);
    expect(await labelsOn(pull)).toEqual(["autopilot:review"]);
  });

  it("makes no call at all when the known labels are already right", async () => {
    const { issue } = await task(["autopilot:review"]);
    const mark = gh.mark();
    const result = await mirrorStateLabels(
      gh.app,
      repo,
      { targets: [{ number: issue, kind: "issue", currentLabels: ["Autopilot:Review"] }], status: "review" },
      known,
    );
    expect(result).toEqual([]);
    expect(gh.callsSince(mark)).toEqual([]);
  });

  it("throws when GitHub refuses the addition itself (no permission), as the REST call would", async () => {
    const { issue } = await task([]);
    const reader = new KnownLabels();
    gh.sandbox.state.setPermission(gh.sandbox.repo, "reader", "read");
    const readerClient = new ProbotOctokit({
      baseUrl: gh.sandbox.apiUrl,
      auth: { token: gh.sandbox.userToken("reader") },
      retry: { enabled: false },
      throttle: { enabled: false },
    }) as unknown as GithubClient;
    await reader.of(gh.app, repo);
    await expect(
      mirrorStateLabels(
        readerClient,
        repo,
        { targets: [{ number: issue, kind: "issue", nodeId: await nodeIdOf(issue) }], status: "review" },
        reader,
      ),
    ).rejects.toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ type: "FORBIDDEN" })]) });
    expect(await labelsOn(issue)).toEqual([]);
  });
});

const nodeIdOf = async (number: number) =>
  (await gh.user.rest.issues.get({ ...repo, issue_number: number })).data.node_id;

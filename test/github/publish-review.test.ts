import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishReview, ReviewPublishError, findStickyComment, stickyMarker } from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
beforeAll(async () => {
  gh = await startGithubFixture();
});
afterAll(() => gh.close());

const repo = { owner: "acme", repo: "widgets" } as const;
const check = (summary: string) => ({
  name: "autopilot/review",
  conclusion: "success" as const,
  title: "Accepted",
  summary,
  annotations: [],
});

/** A pull request of its own: its number, node id, head and the repository's node id. */
async function newPull(branch: string) {
  const head = await gh.commit(branch, { [`${branch}.txt`]: "one\n" });
  const { data } = await gh.user.rest.pulls.create({ ...repo, head: branch, base: "main", title: branch });
  const repositoryId = (await gh.app.rest.repos.get(repo)).data.node_id;
  return { number: data.number, nodeId: data.node_id, head, repositoryId };
}

const reviewComments = async (number: number) =>
  (await gh.user.rest.issues.listComments({ ...repo, issue_number: number })).data.filter((comment) =>
    comment.body?.startsWith(stickyMarker("review")),
  );
const reviewRuns = async (sha: string) =>
  (await gh.user.rest.checks.listForRef({ ...repo, ref: sha, check_name: "autopilot/review", filter: "all" })).data
    .check_runs;
const writes = (mark: number) => gh.callsSince(mark).filter((call) => call.method !== "GET");

describe("publishReview", () => {
  it("writes the sticky comment and the check run in one request; an edit or the same text likewise", async () => {
    const pull = await newPull("publish-one");
    const options = { repositoryId: pull.repositoryId, pullNodeId: pull.nodeId, headSha: pull.head };
    const sticky = { issueNumber: pull.number, key: "review" };
    let mark = gh.mark();
    const first = await publishReview(gh.app, {
      ...options,
      sticky: { ...sticky, body: "pending", known: null },
      externalId: "review:cfg:own:change",
      check: check("see the PR"),
    });
    expect(writes(mark).map((call) => call.operationId)).toEqual(["graphql"]);
    expect(first.comment).toMatchObject({ created: true, updated: false });
    const [comment] = await reviewComments(pull.number);
    expect(comment).toMatchObject({
      id: first.comment.id,
      html_url: first.comment.url,
      user: { login: "autopilot[bot]" },
    });
    expect(comment!.body).toBe(`${stickyMarker("review")}\npending`);
    expect(
      (await reviewRuns(pull.head)).map((run) => [run.status, run.conclusion, run.output.summary, run.external_id]),
    ).toEqual([["completed", "success", "see the PR", "review:cfg:own:change"]]);
    expect((await reviewRuns(pull.head))[0]!.output.text).toBeNull();

    const known = await findStickyComment(gh.app, { ...repo, ...sticky });
    expect(known?.nodeId).toBe(comment!.node_id);
    mark = gh.mark();
    const edited = await publishReview(gh.app, {
      ...options,
      sticky: { ...sticky, body: "accepted", known: known! },
      check: { ...check(`see ${known!.url}`), text: "<!-- autopilot:review-json\n{}\n-->" },
    });
    expect(writes(mark).map((call) => call.operationId)).toEqual(["graphql"]);
    expect(edited.comment).toEqual({ id: comment!.id, url: comment!.html_url, created: false, updated: true });
    const again = await findStickyComment(gh.app, { ...repo, ...sticky });
    const same = await publishReview(gh.app, {
      ...options,
      sticky: { ...sticky, body: "accepted", known: again! },
      check: check("again"),
    });
    expect(same.comment).toMatchObject({ created: false, updated: false });
    expect((await reviewComments(pull.number)).map((item) => item.body)).toEqual([
      `${stickyMarker("review")}\naccepted`,
    ]);
    const runs = await reviewRuns(pull.head);
    expect(runs).toHaveLength(3);
    // the edit's run keeps the record it was given, for the merge to read back
    expect(runs.map((run) => run.output.text)).toEqual([null, "<!-- autopilot:review-json\n{}\n-->", null]);
  });

  it("says which write GitHub refused, after the other took effect", async () => {
    const pull = await newPull("publish-half");
    const sticky = { issueNumber: pull.number, key: "review", body: "accepted", known: null };
    // a check run on a commit the repository does not have: the comment is written, the run refused
    const refused = await publishReview(gh.app, {
      repositoryId: pull.repositoryId,
      pullNodeId: pull.nodeId,
      headSha: "0".repeat(40),
      sticky,
      check: check("x"),
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ReviewPublishError);
    expect((refused as ReviewPublishError).failed).toEqual(["check"]);
    expect(await reviewComments(pull.number)).toHaveLength(1);

    // a subject that names nothing: the check run is created, the comment refused
    const other = await newPull("publish-other");
    const noComment = await publishReview(gh.app, {
      repositoryId: other.repositoryId,
      pullNodeId: "PR_nothing",
      headSha: other.head,
      sticky: { ...sticky, issueNumber: other.number },
      check: check("y"),
    }).catch((error: unknown) => error);
    expect((noComment as ReviewPublishError).failed).toEqual(["sticky"]);
    expect((noComment as Error).message).toContain("NOT_FOUND");
    expect(await reviewComments(other.number)).toEqual([]);
    expect(await reviewRuns(other.head)).toHaveLength(1);
  });

  it("carries another mutation after its two: told the answer, its tolerated refusal never the review's error", async () => {
    const pull = await newPull("publish-carried");
    const issue = (await gh.app.rest.issues.create({ ...repo, title: "Dashboard", body: "old" })).data;
    const answers: { data: unknown; failed: readonly { alias: string; type?: string }[] }[] = [];
    const carried = (id: string) => ({
      declarations: ["$dashboardId: ID!", "$dashboardBody: String!"],
      fields: ["dashboard: updateIssue(input: { id: $dashboardId, body: $dashboardBody }) { issue { id state } }"],
      variables: { dashboardId: id, dashboardBody: "new" },
      aliases: ["dashboard"],
      tolerated: ["dashboard"],
      onAnswer: (data: unknown, failed: readonly { alias: string; type?: string }[]) =>
        void answers.push({ data, failed }),
    });
    const options = { repositoryId: pull.repositoryId, pullNodeId: pull.nodeId, headSha: pull.head };
    const sticky = { issueNumber: pull.number, key: "review", body: "accepted", known: null };
    let mark = gh.mark();
    await publishReview(gh.app, { ...options, sticky, check: check("x"), carried: carried(issue.node_id) });
    expect(writes(mark).map((call) => call.operationId)).toEqual(["graphql"]);
    expect((await gh.user.rest.issues.get({ ...repo, issue_number: issue.number })).data.body).toBe("new");
    expect(answers.at(-1)).toMatchObject({ data: { dashboard: { issue: { state: "OPEN" } } }, failed: [] });

    // the carried edit refused (its issue gone): the review's comment and run stand, nothing is thrown
    const other = await newPull("publish-carried-refused");
    mark = gh.mark();
    const published = await publishReview(gh.app, {
      repositoryId: other.repositoryId,
      pullNodeId: other.nodeId,
      headSha: other.head,
      sticky: { ...sticky, issueNumber: other.number },
      check: check("y"),
      carried: carried("I_gone"),
    });
    expect(published.comment.created).toBe(true);
    expect(writes(mark).map((call) => call.operationId)).toEqual(["graphql"]);
    expect(answers.at(-1)?.failed).toEqual([expect.objectContaining({ alias: "dashboard", type: "NOT_FOUND" })]);
    expect(await reviewComments(other.number)).toHaveLength(1);
    expect(await reviewRuns(other.head)).toHaveLength(1);
  });
});

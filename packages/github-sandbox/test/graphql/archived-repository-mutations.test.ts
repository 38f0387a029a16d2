import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { rawGraphql, useLabelablesFixture } from "./labelables-fixture.js";

const fixture = useLabelablesFixture();
const repo = { owner: "acme", repo: "widgets" };

/** Node ids of what the mutations act on, taken before the admin archives the repository. */
async function archiveWithIds() {
  const app = fixture.app();
  const pull = (await app.rest.pulls.get({ ...repo, pull_number: 1 })).data;
  const issue = (await app.rest.issues.get({ ...repo, issue_number: 2 })).data;
  const label = (await app.rest.issues.createLabel({ ...repo, name: "autopilot:ready", color: "0e8a16" })).data;
  const comment = (await app.rest.issues.createComment({ ...repo, issue_number: 2, body: "Noise" })).data;
  await fixture.user("octocat").rest.repos.update({ ...repo, archived: true });
  fixture.events.length = 0;
  return {
    repository: fixture.repo.nodeId,
    pull,
    issue: issue.node_id,
    label: label.node_id,
    comment: comment.node_id,
  };
}

describe("GraphQL mutations on an archived repository", () => {
  it("are refused, admins' and the app's alike, with GitHub's error and nothing changed", async () => {
    const ids = await archiveWithIds();
    const admin = fixture.user("octocat");
    const app = fixture.app();
    const mutations: [string, typeof app, string][] = [
      [
        "createIssue",
        admin,
        `mutation { createIssue(input: { repositoryId: "${ids.repository}", title: "New" }) { issue { number } } }`,
      ],
      [
        "addComment",
        app,
        `mutation { addComment(input: { subjectId: "${ids.issue}", body: "Hi" }) { commentEdge { cursor } } }`,
      ],
      [
        "addLabelsToLabelable",
        app,
        `mutation { addLabelsToLabelable(input: { labelableId: "${ids.issue}", labelIds: ["${ids.label}"] }) {
          clientMutationId } }`,
      ],
      ["closeIssue", admin, `mutation { closeIssue(input: { issueId: "${ids.issue}" }) { issue { state } } }`],
      [
        "minimizeComment",
        admin,
        `mutation { minimizeComment(input: { subjectId: "${ids.comment}", classifier: OUTDATED }) {
          minimizedComment { isMinimized } } }`,
      ],
      [
        "createRef",
        app,
        `mutation { createRef(input: { repositoryId: "${ids.repository}", name: "refs/heads/other",
          oid: "${ids.pull.head.sha}" }) { ref { name } } }`,
      ],
      [
        "createCommitOnBranch",
        app,
        `mutation { createCommitOnBranch(input: {
          branch: { repositoryNameWithOwner: "acme/widgets", branchName: "feature" },
          expectedHeadOid: "${ids.pull.head.sha}", message: { headline: "Queue" },
          fileChanges: { additions: [{ path: "ops/queue.jsonl", contents: "${Buffer.from("{}\n").toString("base64")}" }] }
        }) { commit { oid } } }`,
      ],
      [
        "createCheckRun",
        app,
        `mutation { createCheckRun(input: { repositoryId: "${ids.repository}", name: "autopilot/scope",
          headSha: "${ids.pull.head.sha}" }) { checkRun { id } } }`,
      ],
      [
        "convertPullRequestToDraft",
        app,
        `mutation { convertPullRequestToDraft(input: { pullRequestId: "${ids.pull.node_id}" }) {
          pullRequest { isDraft } } }`,
      ],
      [
        "enqueuePullRequest",
        app,
        `mutation { enqueuePullRequest(input: { pullRequestId: "${ids.pull.node_id}" }) { clientMutationId } }`,
      ],
    ];
    for (const [field, octokit, query] of mutations) {
      const answer = await rawGraphql(octokit, query, {});
      expect({ field, answer }).toEqual({
        field,
        answer: {
          data: { [field]: null },
          errors: [
            expect.objectContaining({
              type: "FORBIDDEN",
              path: [field],
              message: "Repository was archived so is read-only",
            }),
          ],
        },
      });
    }
    expect(fixture.repo.issues.size).toBe(2);
    expect(fixture.repo.issues.get(2)).toMatchObject({ state: "open", labels: [] });
    expect(fixture.repo.comments.size).toBe(1);
    expect([...fixture.repo.comments.values()][0]?.minimizedReason).toBeUndefined();
    expect(await fixture.repo.git.getRef("refs/heads/other")).toBeUndefined();
    expect(await fixture.repo.git.getRef("refs/heads/feature")).toBe(ids.pull.head.sha);
    expect(fixture.repo.checkRuns.size).toBe(0);
    expect(fixture.repo.issues.get(1)?.pull?.draft).toBe(false);
    expect(fixture.events).toEqual([]);
  });

  it("leaves queries alone, which read isArchived and archivedAt", async () => {
    await archiveWithIds();
    const answer = await fixture.app().graphql<Record<string, any>>(
      `query { repository(owner: "acme", name: "widgets") { isArchived archivedAt object(expression: "main:README.md") {
        ... on Blob { text } } } }`,
    );
    expect(answer.repository).toEqual({
      isArchived: true,
      archivedAt: fixture.repo.archivedAt,
      object: { text: "# widgets\n" },
    });
    expect(answer.repository.archivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("are taken again once the repository is unarchived", async () => {
    const ids = await archiveWithIds();
    await fixture.user("octocat").rest.repos.update({ ...repo, archived: false });
    const answer = await fixture
      .app()
      .graphql<Record<string, any>>(
        `mutation { addComment(input: { subjectId: "${ids.issue}", body: "Back" }) { commentEdge { node { body } } } }`,
      );
    expect(answer.addComment.commentEdge.node.body).toBe("Back");
    expect(
      await fixture.app().graphql(`query { repository(owner: "acme", name: "widgets") { isArchived archivedAt } }`),
    ).toEqual({ repository: { isArchived: false, archivedAt: null } });
  });
});

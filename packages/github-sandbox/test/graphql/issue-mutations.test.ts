import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { createsContent } from "../../src/http/index.js";
import { eventNames } from "../rest/rest-fixture.js";
import { rawGraphql as raw, useLabelablesFixture } from "./labelables-fixture.js";

const fixture = useLabelablesFixture();

const repo = { owner: "acme", repo: "widgets" };

const finishDocument = `mutation ($repo: ID!, $issue: ID!, $body: String!) {
  f0: createIssue(input: { repositoryId: $repo, title: "Follow-up", body: "Of #2", clientMutationId: "c" }) {
    clientMutationId issue { id number title url }
  }
  comment: addComment(input: { subjectId: $issue, body: $body }) {
    commentEdge { node { id databaseId body url } } subject { id }
  }
  close: closeIssue(input: { issueId: $issue, stateReason: COMPLETED }) { issue { id number } }
}`;

const nodeIds = async () => {
  const app = fixture.app();
  const issue = (await app.rest.issues.get({ ...repo, issue_number: 2 })).data.node_id;
  const repository = (await app.rest.repos.get(repo)).data.node_id;
  return { issue, repository };
};

describe("GraphQL createIssue / addComment / closeIssue", () => {
  it("opens, comments and closes in one request, in document order, announced as REST announces them", async () => {
    const app = fixture.app();
    const { issue, repository } = await nodeIds();
    fixture.events.length = 0;
    const data = await app.graphql<Record<string, any>>(finishDocument, { repo: repository, issue, body: "Done." });
    expect(data.f0.clientMutationId).toBe("c");
    expect(data.f0.issue).toMatchObject({ number: 3, title: "Follow-up" });
    expect(data.comment.commentEdge.node.body).toBe("Done.");
    expect(data.comment.subject.id).toBe(issue);
    expect(data.close.issue).toEqual({ id: issue, number: 2 });
    expect(eventNames(fixture)).toEqual(["issues.opened", "issue_comment.created", "issues.closed"]);
    for (const event of fixture.events) expect(event.sender.login).toBe("autopilot-sandbox[bot]");

    const closed = (await app.rest.issues.get({ ...repo, issue_number: 2 })).data;
    expect(closed).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(closed.closed_by?.login).toBe("autopilot-sandbox[bot]");
    const comments = (await app.rest.issues.listComments({ ...repo, issue_number: 2 })).data;
    expect(comments.map((comment) => [comment.id, comment.body])).toEqual([
      [data.comment.commentEdge.node.databaseId, "Done."],
    ]);
    const opened = (await app.rest.issues.get({ ...repo, issue_number: 3 })).data;
    expect(opened).toMatchObject({ title: "Follow-up", body: "Of #2", node_id: data.f0.issue.id });
  });

  it("comments on a pull request by its node id; closeIssue refuses a pull request's id", async () => {
    const app = fixture.app();
    const pull = (await app.rest.pulls.get({ ...repo, pull_number: 1 })).data.node_id;
    const commented = await raw(
      app,
      `mutation ($id: ID!) { addComment(input: { subjectId: $id, body: "Hi" }) { subject { id } } }`,
      {
        id: pull,
      },
    );
    expect(commented.errors).toBeUndefined();
    expect(commented.data.addComment.subject.id).toBe(pull);
    const refused = await raw(app, `mutation ($id: ID!) { closeIssue(input: { issueId: $id }) { issue { id } } }`, {
      id: pull,
    });
    expect(refused.data).toEqual({ closeIssue: null });
    expect(refused.errors?.[0]).toMatchObject({ type: "NOT_FOUND" });
    expect((await app.rest.pulls.get({ ...repo, pull_number: 1 })).data.state).toBe("open");
  });

  it("refuses as REST does: a read-only token, a reader closing another's issue, a blank comment; the rest of the document runs", async () => {
    const { issue, repository } = await nodeIds();
    fixture.events.length = 0;
    const readOnly = fixture.narrowedApp({ issues: "read", pull_requests: "read", metadata: "read" });
    const refused = await raw(readOnly, finishDocument, { repo: repository, issue, body: "Done." });
    expect(refused.data).toEqual({ f0: null, comment: null, close: null });
    for (const error of refused.errors ?? [])
      expect(error).toMatchObject({ type: "FORBIDDEN", message: "Resource not accessible by integration" });
    expect(refused.errors).toHaveLength(3);

    const reader = fixture.user("reader");
    const byReader = await raw(
      reader,
      `mutation ($issue: ID!) {
        comment: addComment(input: { subjectId: $issue, body: "Looks done" }) { commentEdge { node { body } } }
        close: closeIssue(input: { issueId: $issue }) { issue { id } }
      }`,
      { issue },
    );
    expect(byReader.data.comment.commentEdge.node.body).toBe("Looks done");
    expect(byReader.data.close).toBeNull();
    expect(byReader.errors).toEqual([
      expect.objectContaining({ type: "FORBIDDEN", message: "Must have admin rights to Repository.", path: ["close"] }),
    ]);

    const blank = await raw(
      fixture.app(),
      `mutation ($issue: ID!) { addComment(input: { subjectId: $issue, body: " " }) { subject { id } } }`,
      {
        issue,
      },
    );
    expect(blank.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE" });
    expect(eventNames(fixture)).toEqual(["issue_comment.created"]);
    expect((await fixture.app().rest.issues.get({ ...repo, issue_number: 2 })).data.state).toBe("open");
  });

  it("answers NOT_FOUND for an id that names nothing", async () => {
    const answer = await raw(
      fixture.app(),
      `mutation { closeIssue(input: { issueId: "I_nothing" }) { issue { id } } }`,
      {},
    );
    expect(answer.errors?.[0]).toMatchObject({
      type: "NOT_FOUND",
      message: "Could not resolve to a node with the global id of 'I_nothing'.",
      path: ["closeIssue"],
    });
  });

  it("counts as a content-creating request, like every mutation", () => {
    const body = Buffer.from(JSON.stringify({ query: finishDocument, variables: {} }));
    expect(createsContent("POST", "graphql", body)).toBe(true);
  });
});

const updateDocument = `mutation ($id: ID!, $body: String!) {
  edit: updateIssueComment(input: { id: $id, body: $body, clientMutationId: "e" }) {
    clientMutationId issueComment { id databaseId body url }
  }
}`;

describe("GraphQL updateIssueComment", () => {
  /** The app's comment on pull request #1's conversation. */
  const appComment = async () =>
    (await fixture.app().rest.issues.createComment({ ...repo, issue_number: 1, body: "Review: pending" })).data;

  it("edits a comment in place as PATCH does, announcing issue_comment.edited with the old body", async () => {
    const comment = await appComment();
    fixture.events.length = 0;
    const data = await fixture.app().graphql<Record<string, any>>(updateDocument, {
      id: comment.node_id,
      body: "Review: accepted",
    });
    expect(data.edit).toEqual({
      clientMutationId: "e",
      issueComment: { id: comment.node_id, databaseId: comment.id, body: "Review: accepted", url: comment.html_url },
    });
    expect(eventNames(fixture)).toEqual(["issue_comment.edited"]);
    expect(fixture.events[0]).toMatchObject({
      changes: { body: { from: "Review: pending" } },
      sender: { login: "autopilot-sandbox[bot]" },
    });
    const read = (await fixture.app().rest.issues.getComment({ ...repo, comment_id: comment.id })).data;
    expect(read.body).toBe("Review: accepted");
    // the same body again: nothing changes, nothing is announced
    fixture.events.length = 0;
    await fixture.app().graphql(updateDocument, { id: comment.node_id, body: "Review: accepted" });
    expect(fixture.events).toEqual([]);
  });

  it("refuses as PATCH does: a token without write, someone else's comment without push access, a blank body", async () => {
    const comment = await appComment();
    fixture.events.length = 0;
    const readOnly = fixture.narrowedApp({ issues: "read", pull_requests: "read", metadata: "read" });
    const byToken = await raw(readOnly, updateDocument, { id: comment.node_id, body: "changed" });
    expect(byToken.data).toEqual({ edit: null });
    expect(byToken.errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      message: "Resource not accessible by integration",
      path: ["edit"],
    });
    const byReader = await raw(fixture.user("reader"), updateDocument, { id: comment.node_id, body: "hijack" });
    expect(byReader.errors?.[0]).toMatchObject({ type: "FORBIDDEN", message: "Must have admin rights to Repository." });
    const blank = await raw(fixture.app(), updateDocument, { id: comment.node_id, body: " " });
    expect(blank.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE" });
    const nothing = await raw(fixture.app(), updateDocument, { id: "IC_nothing", body: "x" });
    expect(nothing.errors?.[0]).toMatchObject({
      type: "NOT_FOUND",
      message: "Could not resolve to a node with the global id of 'IC_nothing'.",
    });
    expect(fixture.events).toEqual([]);
    expect((await fixture.app().rest.issues.getComment({ ...repo, comment_id: comment.id })).data.body).toBe(
      "Review: pending",
    );
    // push access edits anyone's comment, the app's included, as on GitHub
    const byAdmin = await raw(fixture.user("octocat"), updateDocument, { id: comment.node_id, body: "moderated" });
    expect(byAdmin.errors).toBeUndefined();
    expect(eventNames(fixture)).toEqual(["issue_comment.edited"]);
  });
});

const editIssueDocument = `mutation ($id: ID!, $body: String, $title: String, $state: IssueState) {
  dash: updateIssue(input: { id: $id, body: $body, title: $title, state: $state, clientMutationId: "u" }) {
    clientMutationId issue { id number title body state }
  }
  mark: addLabelsToLabelable(input: { labelableId: $id, labelIds: [] }) { clientMutationId }
}`;

describe("GraphQL updateIssue", () => {
  /** An issue the app opens for the test, by REST. */
  const appIssue = async (body: string) =>
    (await fixture.app().rest.issues.create({ ...repo, title: "Dashboard", body })).data;

  it("edits as PATCH /issues/{n} does: issues.edited with the old body, the body REST then reads, a new ETag", async () => {
    const issue = await appIssue("old text");
    const before = await fixture.app().request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      ...repo,
      issue_number: issue.number,
    });
    fixture.events.length = 0;
    const data = await fixture
      .app()
      .graphql<Record<string, any>>(editIssueDocument, { id: issue.node_id, body: "new text" });
    expect(data.dash).toEqual({
      clientMutationId: "u",
      issue: { id: issue.node_id, number: issue.number, title: "Dashboard", body: "new text", state: "OPEN" },
    });
    expect(eventNames(fixture)).toEqual(["issues.edited"]);
    expect(fixture.events[0]).toMatchObject({
      changes: { body: { from: "old text" } },
      issue: { number: issue.number, body: "new text" },
      sender: { login: "autopilot-sandbox[bot]" },
    });
    const read = await fixture.app().request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      ...repo,
      issue_number: issue.number,
      headers: { "if-none-match": before.headers.etag ?? "" },
    });
    expect(read.status).toBe(200);
    expect(read.data.body).toBe("new text");
    // the same body again: nothing changes, nothing is announced
    fixture.events.length = 0;
    await fixture.app().graphql(editIssueDocument, { id: issue.node_id, body: "new text" });
    expect(fixture.events).toEqual([]);
    // closing through state, as PATCH state: closed does
    const closed = await fixture.app().graphql<Record<string, any>>(editIssueDocument, {
      id: issue.node_id,
      state: "CLOSED",
    });
    expect(closed.dash.issue.state).toBe("CLOSED");
    expect(eventNames(fixture)).toEqual(["issues.closed"]);
  });

  it("refuses as PATCH does, on its alias alone: a token without write, a reader, a pull request's id, an unknown id", async () => {
    const issue = await appIssue("kept");
    fixture.events.length = 0;
    const readOnly = fixture.narrowedApp({ issues: "read", pull_requests: "read", metadata: "read" });
    const byToken = await raw(readOnly, editIssueDocument, { id: issue.node_id, body: "changed" });
    expect(byToken.data.dash).toBeNull();
    expect(byToken.errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      message: "Resource not accessible by integration",
      path: ["dash"],
    });
    const byReader = await raw(fixture.user("reader"), editIssueDocument, { id: issue.node_id, body: "hijack" });
    expect(byReader.data.dash).toBeNull();
    expect(byReader.errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      message: "Must have admin rights to Repository.",
      path: ["dash"],
    });
    const pull = (await fixture.app().rest.pulls.get({ ...repo, pull_number: 1 })).data.node_id;
    const onPull = await raw(fixture.app(), editIssueDocument, { id: pull, body: "x" });
    expect(onPull.errors?.[0]).toMatchObject({ type: "NOT_FOUND", path: ["dash"] });
    // the document's other mutation still ran: its own answer, not the refused alias's
    expect(onPull.data.mark).toEqual({ clientMutationId: null });
    const nothing = await raw(fixture.app(), editIssueDocument, { id: "I_nothing", body: "x" });
    expect(nothing.errors?.[0]).toMatchObject({
      type: "NOT_FOUND",
      message: "Could not resolve to a node with the global id of 'I_nothing'.",
    });
    expect(eventNames(fixture)).toEqual([]);
    expect((await fixture.app().rest.issues.get({ ...repo, issue_number: issue.number })).data.body).toBe("kept");
  });

  it("refuses the inputs the sandbox does not model, as a document GitHub would take", async () => {
    const issue = await appIssue("kept");
    const answer = await raw(
      fixture.app(),
      `mutation ($id: ID!) { updateIssue(input: { id: $id, labelIds: [] }) { issue { id } } }`,
      { id: issue.node_id },
    );
    expect(answer.errors?.[0]?.message).toContain("updateIssue (id, title, body, state)");
  });
});

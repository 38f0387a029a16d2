import { describe, expect, it } from "vitest";
import { buildPayload } from "../../../src/events/index.js";
import { linksFor } from "../../../src/represent/index.js";
import type { RepoState } from "../../../src/state/index.js";
import { rawGraphql as raw } from "../../graphql/labelables-fixture.js";
import { commitTo, openPull } from "../pulls/pull-helpers.js";
import { eventNames, useRestFixture, type RestFixture } from "../rest-fixture.js";
import { describeErrors, loadWebhookValidators } from "../../helpers/webhook-schemas.js";

/**
 * `acme/widgets` with a pull request (#1) and an issue (#2, labelled `bug` and `triage`, assigned
 * to `writer`, with a comment), and a second repository of the same organization, `acme/gadgets`,
 * which has an issue of its own (#1) so the transferred issue's new number is visibly its next.
 */
const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    const { state } = started.ctx;
    state.setPermission(started.repo, "writer", "write");
    state.setPermission(started.repo, "halfwriter", "write");
    const gadgets = await state.createRepo("acme", "gadgets");
    state.setPermission(gadgets, "writer", "write");
    state.setPermission(gadgets, "halfwriter", "read");
    await commitTo(started, "feature", { "a.txt": "one\n" });
    await openPull(started, "feature");
    const octocat = started.user();
    await octocat.rest.issues.createLabel({ owner: "acme", repo: "widgets", name: "triage", color: "ededed" });
    await octocat.rest.issues.create({
      owner: "acme",
      repo: "widgets",
      title: "Sort the widgets",
      body: "By size.",
      labels: ["bug", "triage"],
      assignees: ["writer"],
    });
    await octocat.rest.issues.createComment({ owner: "acme", repo: "widgets", issue_number: 2, body: "Agreed." });
    await octocat.rest.issues.create({ owner: "acme", repo: "gadgets", title: "Gadget list" });
  },
});

const widgets = { owner: "acme", repo: "widgets" };
const gadgets = { owner: "acme", repo: "gadgets" };

const transferDocument = `mutation ($issue: ID!, $repo: ID!, $create: Boolean) {
  transferIssue(input: { issueId: $issue, repositoryId: $repo, createLabelsIfMissing: $create, clientMutationId: "t" }) {
    clientMutationId issue { id number title repository { nameWithOwner } }
  }
}`;

const gadgetsRepo = (f: RestFixture): RepoState => {
  const repo = f.ctx.state.getRepo("acme", "gadgets");
  if (!repo) throw new Error("no acme/gadgets");
  return repo;
};

const ids = async (f: RestFixture, number = 2) => ({
  issue: (await f.user().rest.issues.get({ ...widgets, issue_number: number })).data.node_id,
  repo: gadgetsRepo(f).nodeId,
});

const transfer = async (f: RestFixture, login: string, create = false) =>
  raw(f.user(login), transferDocument, { ...(await ids(f)), create });

describe("GraphQL transferIssue", () => {
  it("moves an issue to the target's next number, with its comments, its labels found there and its assignees", async () => {
    const moved = await transfer(fixture, "writer");
    expect(moved.errors).toBeUndefined();
    expect(moved.data.transferIssue).toMatchObject({
      clientMutationId: "t",
      issue: { number: 2, title: "Sort the widgets", repository: { nameWithOwner: "acme/gadgets" } },
    });
    const writer = fixture.user("writer");
    const issue = (await writer.rest.issues.get({ ...gadgets, issue_number: 2 })).data;
    expect(issue).toMatchObject({
      body: "By size.",
      user: { login: "octocat" },
      node_id: moved.data.transferIssue.issue.id,
    });
    // `triage` is not a label of acme/gadgets: dropped, as without createLabelsIfMissing
    expect(issue.labels.map((label) => (typeof label === "string" ? label : label.name))).toEqual(["bug"]);
    expect(issue.assignees?.map((user) => user.login)).toEqual(["writer"]);
    const comments = (await writer.rest.issues.listComments({ ...gadgets, issue_number: 2 })).data;
    expect(comments.map((comment) => comment.body)).toEqual(["Agreed."]);
    // gone from the old repository's list; the list of the new one has it
    const oldList = (await writer.rest.issues.listForRepo({ ...widgets, state: "all" })).data;
    expect(oldList.map((item) => item.number)).toEqual([1]);
    const newList = (await writer.rest.issues.listForRepo(gadgets)).data;
    // it keeps its creation time, so where it sorts among the target's issues depends on the clock
    expect(newList.map((item) => item.number).sort()).toEqual([1, 2]);
  });

  it("creates the missing labels in the target with createLabelsIfMissing", async () => {
    expect((await transfer(fixture, "writer", true)).errors).toBeUndefined();
    const issue = (await fixture.user().rest.issues.get({ ...gadgets, issue_number: 2 })).data;
    expect(issue.labels.map((label) => (typeof label === "string" ? label : label.name))).toEqual(["bug", "triage"]);
    const label = (await fixture.user().rest.issues.getLabel({ ...gadgets, name: "triage" })).data;
    expect(label.color).toBe("ededed");
  });

  it("refuses someone without write on the target, a reader, and a pull request; nothing moves", async () => {
    const half = await transfer(fixture, "halfwriter");
    expect(half.data).toEqual({ transferIssue: null });
    expect(half.errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      message: "halfwriter does not have the correct permissions to execute `TransferIssue`",
    });
    const reader = await transfer(fixture, "reader");
    expect(reader.errors?.[0]).toMatchObject({ type: "FORBIDDEN" });
    const pull = (await fixture.user().rest.pulls.get({ ...widgets, pull_number: 1 })).data.node_id;
    const refused = await raw(fixture.user(), transferDocument, { issue: pull, repo: gadgetsRepo(fixture).nodeId });
    expect(refused.errors?.[0]).toMatchObject({ type: "NOT_FOUND" });
    expect((await fixture.user().rest.issues.get({ ...widgets, issue_number: 2 })).data.title).toBe("Sort the widgets");
    expect(fixture.events).toEqual([]);
  });

  it("refuses a closed issue, another owner's repository and a private-to-public move", async () => {
    const { state } = fixture.ctx;
    const elsewhere = await state.createRepo("mallory", "gadgets");
    state.setPermission(elsewhere, "octocat", "admin");
    const { issue } = await ids(fixture);
    const across = await raw(fixture.user(), transferDocument, { issue, repo: elsewhere.nodeId });
    expect(across.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE" });
    fixture.repo.private = true;
    const writer = fixture.user("writer");
    const leak = await raw(writer, transferDocument, { issue, repo: gadgetsRepo(fixture).nodeId });
    expect(leak.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE" });
    fixture.repo.private = false;
    await fixture.user().rest.issues.update({ ...widgets, issue_number: 2, state: "closed" });
    const closed = await raw(writer, transferDocument, { issue, repo: gadgetsRepo(fixture).nodeId });
    expect(closed.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE", message: "Only open issues can be transferred" });
  });

  it("lets the app move an issue between repositories its installation covers, and no further", async () => {
    const narrowed = fixture.ctx.auth.createInstallationToken(fixture.installationId, { repositories: ["widgets"] });
    const ids2 = await ids(fixture);
    const outside = await raw(fixture.app({ auth: { token: narrowed.token } }), transferDocument, ids2);
    expect(outside.errors?.[0]).toMatchObject({ type: "NOT_FOUND", message: expect.stringContaining(ids2.repo) });
    const readOnly = fixture.narrowedApp({ issues: "read", contents: "write", metadata: "read" });
    expect((await raw(readOnly, transferDocument, ids2)).errors?.[0]).toMatchObject({ type: "FORBIDDEN" });
    const moved = await raw(fixture.app(), transferDocument, ids2);
    expect(moved.errors).toBeUndefined();
    expect(moved.data.transferIssue.issue.repository.nameWithOwner).toBe("acme/gadgets");
  });
});

describe("the old number of a transferred issue", () => {
  it("answers 301 with the new issue's API URL, which a client's GET follows", async () => {
    await transfer(fixture, "writer");
    const token = fixture.ctx.auth.createUserToken("writer");
    const answer = await fetch(`${fixture.url}/repos/acme/widgets/issues/2`, {
      headers: { authorization: `token ${token}` },
      redirect: "manual",
    });
    expect(answer.status).toBe(301);
    expect(answer.headers.get("location")).toBe(`${fixture.url}/repos/acme/gadgets/issues/2`);
    expect(await answer.json()).toMatchObject({ message: "Moved Permanently" });
    // Octokit's fetch follows it: the answer is the issue where it is now
    const followed = await fixture.user("writer").rest.issues.get({ ...widgets, issue_number: 2 });
    expect(followed.data).toMatchObject({ number: 2, repository_url: `${fixture.url}/repos/acme/gadgets` });
    const comments = await fixture.user("writer").rest.issues.listComments({ ...widgets, issue_number: 2 });
    expect(comments.data.map((comment) => comment.body)).toEqual(["Agreed."]);
  });

  it("redirects an edit, which fetch follows with its body, and refuses a new comment with 404", async () => {
    await transfer(fixture, "writer");
    const writer = fixture.user("writer");
    const edited = await writer.rest.issues.update({ ...widgets, issue_number: 2, title: "Sort the gadgets" });
    expect(edited.data).toMatchObject({ number: 2, title: "Sort the gadgets" });
    expect((await writer.rest.issues.get({ ...gadgets, issue_number: 2 })).data.title).toBe("Sort the gadgets");
    const comment = await writer.rest.issues
      .createComment({ ...widgets, issue_number: 2, body: "Lost?" })
      .catch((error: { status: number }) => error);
    expect(comment).toMatchObject({ status: 404 });
    const comments = await writer.rest.issues.listComments({ ...gadgets, issue_number: 2 });
    expect(comments.data).toHaveLength(1);
  });

  it("answers 404 to a caller who cannot read issues in the new repository", async () => {
    await transfer(fixture, "writer");
    const narrowed = fixture.ctx.auth.createInstallationToken(fixture.installationId, { repositories: ["widgets"] });
    const outside = await fixture
      .app({ auth: { token: narrowed.token } })
      .rest.issues.get({ ...widgets, issue_number: 2 })
      .catch((error: { status: number }) => error);
    expect(outside).toMatchObject({ status: 404 });
  });

  it("resolves to no issue in GraphQL's repository.issue, which finds it in its new repository", async () => {
    const lookup = `query ($owner: String!, $name: String!) {
      repository(owner: $owner, name: $name) { issue(number: 2) { title repository { nameWithOwner } } }
    }`;
    const before = await raw(fixture.user("writer"), lookup, { owner: "acme", name: "widgets" });
    expect(before.data.repository.issue).toEqual({
      title: "Sort the widgets",
      repository: { nameWithOwner: "acme/widgets" },
    });
    await transfer(fixture, "writer");
    const old = await raw(fixture.user("writer"), lookup, { owner: "acme", name: "widgets" });
    expect(old.data).toEqual({ repository: { issue: null } });
    expect(old.errors?.[0]).toMatchObject({
      type: "NOT_FOUND",
      message: "Could not resolve to an Issue with the number of 2.",
    });
    const moved = await raw(fixture.user("writer"), lookup, { owner: "acme", name: "gadgets" });
    expect(moved.data.repository.issue.repository).toEqual({ nameWithOwner: "acme/gadgets" });
  });

  it("is never given again: the old repository's next issue takes the next number", async () => {
    await transfer(fixture, "writer");
    const next = await fixture.user().rest.issues.create({ ...widgets, title: "Another" });
    expect(next.data.number).toBe(3);
  });
});

describe("transfer webhooks", () => {
  it("announce issues.transferred in the old repository and issues.opened in the target, as GitHub's schema has them", async () => {
    await transfer(fixture, "writer");
    expect(eventNames(fixture)).toEqual(["issues.transferred", "issues.opened"]);
    const validatorFor = loadWebhookValidators();
    const links = linksFor(fixture.url);
    const [transferred, opened] = fixture.events;
    if (transferred?.name !== "issues" || opened?.name !== "issues") throw new Error("no issues events");
    const old = await buildPayload(fixture.ctx.state, links, { ...transferred, repo: fixture.repo });
    const validate = validatorFor("issues", "transferred");
    expect(validate(old), describeErrors(validate)).toBe(true);
    expect(old).toMatchObject({
      action: "transferred",
      issue: { number: 2, url: `${fixture.url}/repos/acme/widgets/issues/2` },
      repository: { full_name: "acme/widgets" },
      changes: {
        new_issue: { number: 2, url: `${fixture.url}/repos/acme/gadgets/issues/2` },
        new_repository: { full_name: "acme/gadgets" },
      },
      sender: { login: "writer" },
    });
    const target = await buildPayload(fixture.ctx.state, links, { ...opened, repo: gadgetsRepo(fixture) });
    const validateOpened = validatorFor("issues", "opened");
    expect(validateOpened(target), describeErrors(validateOpened)).toBe(true);
    expect(target).toMatchObject({ issue: { number: 2 }, repository: { full_name: "acme/gadgets" } });
  });
});

import { describe, expect, it } from "vitest";
import { defaultInstallationPermissions } from "../../../src/auth/index.js";
import { buildPayload } from "../../../src/events/index.js";
import { linksFor } from "../../../src/represent/index.js";
import { rawGraphql as raw } from "../../graphql/labelables-fixture.js";
import { describeErrors, loadWebhookValidators } from "../../helpers/webhook-schemas.js";
import { commitTo, openPull } from "../pulls/pull-helpers.js";
import { eventNames, useRestFixture, type RestFixture, type TestOctokit } from "../rest-fixture.js";

/** `acme/widgets` with a pull request (#1) and an issue (#2) that has a comment; `writer` may push. */
const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    started.ctx.state.setPermission(started.repo, "writer", "write");
    await commitTo(started, "feature", { "a.txt": "one\n" });
    await openPull(started, "feature");
    const octocat = started.user();
    await octocat.rest.issues.create({ owner: "acme", repo: "widgets", title: "Sort the widgets" });
    await octocat.rest.issues.createComment({ owner: "acme", repo: "widgets", issue_number: 2, body: "Agreed." });
  },
});

const widgets = { owner: "acme", repo: "widgets" };

const deleteDocument = `mutation ($issue: ID!) {
  deleteIssue(input: { issueId: $issue, clientMutationId: "d" }) { clientMutationId repository { nameWithOwner } }
}`;

const issueId = async (f: RestFixture, number = 2): Promise<string> =>
  (await f.user().rest.issues.get({ ...widgets, issue_number: number })).data.node_id;

const deleteAs = async (f: RestFixture, octokit: TestOctokit, number = 2) =>
  raw(octokit, deleteDocument, { issue: await issueId(f, number) });

const failure = (promise: Promise<unknown>) => promise.catch((error: { status: number; message: string }) => error);

describe("GraphQL deleteIssue", () => {
  it("is refused to everyone in an organization until an owner allows deleting issues", async () => {
    const refused = await deleteAs(fixture, fixture.user());
    expect(refused.data).toEqual({ deleteIssue: null });
    expect(refused.errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      message: "octocat does not have the correct permissions to execute `DeleteIssue`",
    });
    expect((await fixture.user().rest.issues.get({ ...widgets, issue_number: 2 })).data.number).toBe(2);
  });

  it("lets an admin delete an issue once allowed: 410 Gone on its number, gone from the list, never reused", async () => {
    fixture.ctx.state.setMembersCanDeleteIssues("acme", true);
    const deleted = await deleteAs(fixture, fixture.user());
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deleteIssue).toEqual({ clientMutationId: "d", repository: { nameWithOwner: "acme/widgets" } });

    const reader = fixture.user("reader");
    const gone = await failure(reader.rest.issues.get({ ...widgets, issue_number: 2 }));
    expect(gone).toMatchObject({ status: 410, message: expect.stringContaining("This issue was deleted") });
    expect(await failure(reader.rest.issues.listComments({ ...widgets, issue_number: 2 }))).toMatchObject({
      status: 410,
    });
    expect(
      await failure(fixture.user().rest.issues.update({ ...widgets, issue_number: 2, title: "Back?" })),
    ).toMatchObject({ status: 410 });
    const list = (await reader.rest.issues.listForRepo({ ...widgets, state: "all" })).data;
    expect(list.map((item) => item.number)).toEqual([1]);
    const next = await fixture.user().rest.issues.create({ ...widgets, title: "Another" });
    expect(next.data.number).toBe(3);

    const lookup = await raw(
      reader,
      `query { repository(owner: "acme", name: "widgets") { issue(number: 2) { id } } }`,
      {},
    );
    expect(lookup.data).toEqual({ repository: { issue: null } });
    expect(lookup.errors?.[0]).toMatchObject({
      type: "NOT_FOUND",
      message: "Could not resolve to an Issue with the number of 2.",
    });
  });

  it("answers 404, not 410, to a caller who cannot read the repository's issues", async () => {
    fixture.ctx.state.setMembersCanDeleteIssues("acme", true);
    await deleteAs(fixture, fixture.user());
    const pullsOnly = fixture.narrowedApp({ pull_requests: "read", metadata: "read" });
    expect(await failure(pullsOnly.rest.issues.get({ ...widgets, issue_number: 2 }))).toMatchObject({ status: 404 });
  });

  it("refuses a writer, a pull request, and an installation without administration: write", async () => {
    fixture.ctx.state.setMembersCanDeleteIssues("acme", true);
    expect((await deleteAs(fixture, fixture.user("writer"))).errors?.[0]).toMatchObject({ type: "FORBIDDEN" });
    const pull = (await fixture.user().rest.pulls.get({ ...widgets, pull_number: 1 })).data.node_id;
    expect((await raw(fixture.user(), deleteDocument, { issue: pull })).errors?.[0]).toMatchObject({
      type: "NOT_FOUND",
    });
    const app = await deleteAs(fixture, fixture.app());
    expect(app.errors?.[0]).toMatchObject({ type: "FORBIDDEN", message: "Resource not accessible by integration" });
    expect(fixture.events).toEqual([]);
    fixture.ctx.auth.grantInstallation(fixture.installationId, {
      ...defaultInstallationPermissions,
      administration: "write",
    });
    // a token minted after the grant carries it
    const { token } = fixture.ctx.auth.createInstallationToken(fixture.installationId);
    expect((await deleteAs(fixture, fixture.app({ auth: { token } }))).errors).toBeUndefined();
  });

  it("lets only the owner delete in a personal account's repository", async () => {
    const { state } = fixture.ctx;
    const own = await state.createRepo("mallory", "notes");
    state.setPermission(own, "octocat", "admin");
    const opened = await fixture.user("mallory").rest.issues.create({ owner: "mallory", repo: "notes", title: "Mine" });
    const document = { issue: opened.data.node_id };
    expect((await raw(fixture.user(), deleteDocument, document)).errors?.[0]).toMatchObject({ type: "FORBIDDEN" });
    expect((await raw(fixture.user("mallory"), deleteDocument, document)).errors).toBeUndefined();
  });

  it("announces issues.deleted, as GitHub's schema has it", async () => {
    fixture.ctx.state.setMembersCanDeleteIssues("acme", true);
    await deleteAs(fixture, fixture.user());
    expect(eventNames(fixture)).toEqual(["issues.deleted"]);
    const [deleted] = fixture.events;
    if (deleted?.name !== "issues") throw new Error("no issues.deleted");
    const payload = await buildPayload(fixture.ctx.state, linksFor(fixture.url), { ...deleted, repo: fixture.repo });
    const validate = loadWebhookValidators()("issues", "deleted");
    expect(validate(payload), describeErrors(validate)).toBe(true);
    expect(payload).toMatchObject({ action: "deleted", issue: { number: 2 }, sender: { login: "octocat" } });
  });
});

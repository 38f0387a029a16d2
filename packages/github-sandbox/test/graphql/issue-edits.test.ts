import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest/rest-fixture.js";
import { rawGraphql as raw } from "./labelables-fixture.js";

const repo = { owner: "acme", repo: "widgets" };

// a clock the test moves, so each edit has its own moment (GitHub's times are to the second)
beforeAll(() => void vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));
afterAll(() => void vi.useRealTimers());
const later = (): void => void vi.setSystemTime(Date.now() + 60_000);

const fixture = useRestFixture({
  perTest: true,
  setUp: (started) => {
    started.ctx.state.setPermission(started.repo, "carol", "triage");
    started.ctx.state.setPermission(started.repo, "dave", "write");
  },
});

/** What the app's sweep asks, exactly as it asks it, with the edit history besides. */
const editsQuery = `query ($number: Int!) {
  repository(owner: "acme", name: "widgets") {
    issue(number: $number) {
      body
      lastEditedAt
      editor { __typename login }
      includesCreatedEdit
      userContentEdits(first: 10) {
        totalCount
        nodes { id createdAt editedAt editor { __typename login } diff deletedAt deletedBy { login } }
      }
    }
  }
}`;

async function editsOf(number: number, as: TestOctokit = fixture.app()): Promise<Record<string, any>> {
  const answer = await raw(as, editsQuery, { number });
  expect(answer.errors).toBeUndefined();
  return answer.data.repository.issue;
}

/** An issue opened by octocat, answering its number and its creation time. */
async function openIssue(): Promise<{ number: number; createdAt: string }> {
  const { data } = await fixture.user("octocat").rest.issues.create({ ...repo, title: "Spec", body: "Do A." });
  return { number: data.number, createdAt: data.created_at };
}

const editBody = async (as: TestOctokit, number: number, body: string): Promise<string> =>
  (await as.rest.issues.update({ ...repo, issue_number: number, body })).data.updated_at;

describe("GraphQL Issue.lastEditedAt, editor and userContentEdits", () => {
  it("a never edited issue has no editor, no edit time and no history", async () => {
    const { number } = await openIssue();
    later();
    // a change that is not the body's: assignees and labels are no edit of the content
    await fixture.user("octocat").rest.issues.update({ ...repo, issue_number: number, assignees: ["octocat"] });
    expect(await editsOf(number)).toEqual({
      body: "Do A.",
      lastEditedAt: null,
      editor: null,
      includesCreatedEdit: false,
      userContentEdits: { totalCount: 0, nodes: [] },
    });
  });

  it("tracks edits by the author, by another user and by the app's installation, newest first", async () => {
    const { number, createdAt } = await openIssue();
    later();
    const first = await editBody(fixture.user("octocat"), number, "Do B.");
    const afterFirst = await editsOf(number);
    expect(afterFirst).toMatchObject({
      lastEditedAt: first,
      editor: { __typename: "User", login: "octocat" },
      includesCreatedEdit: true,
    });
    // the first edit records the created version too, by its author at creation
    expect(afterFirst.userContentEdits.totalCount).toBe(2);

    later();
    const second = await editBody(fixture.user("carol"), number, "Do C.");
    later();
    const third = await editBody(fixture.app(), number, "Do D.");
    expect(new Set([createdAt, first, second, third]).size).toBe(4);

    const edits = await editsOf(number, fixture.user("octocat"));
    expect(edits).toMatchObject({
      body: "Do D.",
      lastEditedAt: third,
      // an app edits as its bot, which GraphQL names without `[bot]`
      editor: { __typename: "Bot", login: "autopilot-sandbox" },
      includesCreatedEdit: true,
    });
    expect(edits.userContentEdits.totalCount).toBe(4);
    expect(
      edits.userContentEdits.nodes.map((edit: Record<string, any>) => [edit.editor.login, edit.editedAt, edit.diff]),
    ).toEqual([
      ["autopilot-sandbox", third, "Do D."],
      ["carol", second, "Do C."],
      ["octocat", first, "Do B."],
      ["octocat", createdAt, "Do A."],
    ]);
    for (const edit of edits.userContentEdits.nodes) expect(edit).toMatchObject({ deletedAt: null, deletedBy: null });
    expect(new Set(edits.userContentEdits.nodes.map((edit: Record<string, any>) => edit.id)).size).toBe(4);
  });

  it("pages the history: first: 1 is the last edit, last: 1 the created version, cursors page on", async () => {
    const { number } = await openIssue();
    later();
    await editBody(fixture.user("octocat"), number, "Do B.");
    later();
    await editBody(fixture.user("carol"), number, "Do C.");
    const page = async (args: string): Promise<Record<string, any>> => {
      const answer = await raw(
        fixture.app(),
        `query ($number: Int!) { repository(owner: "acme", name: "widgets") { issue(number: $number) {
          userContentEdits(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { diff } }
        } } }`,
        { number },
      );
      return answer.data?.repository?.issue?.userContentEdits ?? answer;
    };
    const newest = await page("first: 1");
    expect(newest).toMatchObject({ totalCount: 3, nodes: [{ diff: "Do C." }], pageInfo: { hasNextPage: true } });
    const next = await page(`first: 5, after: "${newest.pageInfo.endCursor}"`);
    expect(next.nodes).toEqual([{ diff: "Do B." }, { diff: "Do A." }]);
    const oldest = await page("last: 1");
    expect(oldest).toMatchObject({ nodes: [{ diff: "Do A." }], pageInfo: { hasPreviousPage: true } });
    const before = await page(`last: 5, before: "${oldest.pageInfo.startCursor}"`);
    expect(before.nodes).toEqual([{ diff: "Do C." }, { diff: "Do B." }]);

    // GitHub's refusals: no bound, both bounds, more than 100
    const none = await page("after: null");
    expect(none.errors?.[0]).toMatchObject({
      type: "MISSING_PAGINATION_BOUNDARIES",
      message: "You must provide a `first` or `last` value to properly paginate the `userContentEdits` connection.",
    });
    const both = await page("first: 1, last: 1");
    expect(both.errors?.[0]?.message).toBe(
      "Passing both `first` and `last` to paginate the `userContentEdits` connection is not supported.",
    );
    const many = await page("last: 101");
    expect(many.errors?.[0]).toMatchObject({
      type: "EXCESSIVE_PAGINATION",
      message: "Requesting 101 records on the `userContentEdits` connection exceeds the `last` limit of 100 records.",
    });
  });

  it("a title-only edit is no edit of the content: editor, time and history stay as they were", async () => {
    const { number } = await openIssue();
    later();
    const edited = await editBody(fixture.user("carol"), number, "Do B.");
    later();
    const renamed = await fixture.user("dave").rest.issues.update({ ...repo, issue_number: number, title: "Spec v2" });
    expect(renamed.data.updated_at).not.toBe(edited);
    const edits = await editsOf(number);
    expect(edits).toMatchObject({ lastEditedAt: edited, editor: { login: "carol" } });
    expect(edits.userContentEdits.totalCount).toBe(2);

    // on an issue never edited, a rename leaves it never edited
    const other = await openIssue();
    later();
    await fixture.user("dave").rest.issues.update({ ...repo, issue_number: other.number, title: "Renamed" });
    expect(await editsOf(other.number)).toMatchObject({ lastEditedAt: null, editor: null, includesCreatedEdit: false });
  });

  it("a body set to what it already is records no edit, in the same request as a title change too", async () => {
    const { number } = await openIssue();
    later();
    const edited = await editBody(fixture.user("carol"), number, "Do B.");
    later();
    await fixture.user("dave").rest.issues.update({ ...repo, issue_number: number, body: "Do B.", title: "Same body" });
    const edits = await editsOf(number);
    expect(edits).toMatchObject({ lastEditedAt: edited, editor: { login: "carol" } });
    expect(edits.userContentEdits.totalCount).toBe(2);

    const untouched = await openIssue();
    await editBody(fixture.app(), untouched.number, "Do A.");
    expect(await editsOf(untouched.number)).toMatchObject({ lastEditedAt: null, editor: null });
  });

  it("updateIssue records its body edit, by the caller, and its payload shows it", async () => {
    const { number } = await openIssue();
    const id = (await fixture.app().rest.issues.get({ ...repo, issue_number: number })).data.node_id;
    later();
    const answer = await raw(
      fixture.user("dave"),
      `mutation ($id: ID!) { updateIssue(input: { id: $id, body: "Do E." }) {
        issue { lastEditedAt editor { __typename login } userContentEdits(first: 1) { nodes { diff } } }
      } }`,
      { id },
    );
    expect(answer.errors).toBeUndefined();
    const { updated_at } = (await fixture.app().rest.issues.get({ ...repo, issue_number: number })).data;
    expect(answer.data.updateIssue.issue).toEqual({
      lastEditedAt: updated_at,
      editor: { __typename: "User", login: "dave" },
      userContentEdits: { nodes: [{ diff: "Do E." }] },
    });
    expect(await editsOf(number)).toMatchObject({ lastEditedAt: updated_at, editor: { login: "dave" } });
  });
});

import { describe, expect, it } from "vitest";
import { commitTo, openPull, tenLines } from "../rest/pulls/pull-helpers.js";
import { eventNames, useRestFixture } from "../rest/rest-fixture.js";

const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    await commitTo(started, "main", { "a.txt": tenLines });
    await commitTo(started, "feature", { "a.txt": tenLines.replace("line 1\n", "line one\n") });
    await openPull(started, "feature", { title: "Spell out one" });
  },
});

const pr = { owner: "acme", repo: "widgets", pull_number: 1 };

const revert = `mutation ($id: ID!, $title: String, $body: String) {
  revertPullRequest(input: { pullRequestId: $id, title: $title, body: $body, clientMutationId: "r1" }) {
    clientMutationId
    pullRequest { number state }
    revertPullRequest { id number title state isDraft headRefName baseRefName url }
  }
}`;

/** The raw GraphQL answer (octokit.graphql would throw on errors). */
async function raw(variables: Record<string, unknown>, octokit = fixture.app()): Promise<Record<string, any>> {
  return (await octokit.request("POST /graphql", { query: revert, variables })).data as Record<string, any>;
}

const nodeIdOf = async (): Promise<string> => (await fixture.app().rest.pulls.get(pr)).data.node_id;

const fileOn = async (ref: string): Promise<string> =>
  String((await fixture.repo.git.readFile(ref, "a.txt"))?.content.toString("utf8"));

describe("GraphQL revertPullRequest", () => {
  it("opens a pull request that undoes the merge on the base's tip, keeping later work", async () => {
    await fixture.app().rest.pulls.merge(pr);
    // later work on main after the merge must survive the revert
    await commitTo(fixture, "main", { "a.txt": (await fileOn("refs/heads/main")).replace("line 10\n", "line ten\n") });
    fixture.events.length = 0;

    const data = await fixture.app().graphql<Record<string, any>>(revert, { id: await nodeIdOf() });
    expect(data.revertPullRequest).toMatchObject({
      clientMutationId: "r1",
      pullRequest: { number: 1, state: "MERGED" },
      revertPullRequest: {
        number: 2,
        title: 'Revert "Spell out one"',
        state: "OPEN",
        isDraft: false,
        headRefName: "revert-1-feature",
        baseRefName: "main",
      },
    });
    const opened = (await fixture.app().rest.pulls.get({ ...pr, pull_number: 2 })).data;
    expect(opened.user.login).toBe("autopilot-sandbox[bot]");
    expect(opened.body).toBe("Reverts acme/widgets#1");
    const reverted = await fileOn("refs/heads/revert-1-feature");
    expect(reverted).toContain("line 1\n");
    expect(reverted).not.toContain("line one");
    expect(reverted).toContain("line ten\n");
    expect(eventNames(fixture)).toEqual(expect.arrayContaining(["push", "pull_request.opened"]));
  });

  it("opens a second revert pull request when asked twice: deduplicating is the caller's job", async () => {
    await fixture.app().rest.pulls.merge(pr);
    const id = await nodeIdOf();
    await fixture.app().graphql(revert, { id, title: "Roll back", body: "CI failed" });
    const second = await fixture.app().graphql<Record<string, any>>(revert, { id });
    expect(second.revertPullRequest.revertPullRequest.headRefName).toBe("revert-1-feature-1");
    const open = (await fixture.app().rest.pulls.list({ owner: "acme", repo: "widgets", state: "open" })).data;
    expect(open.map((pull) => pull.title).sort()).toEqual(['Revert "Spell out one"', "Roll back"]);
  });

  it("refuses a pull request that is not merged", async () => {
    const refused = await raw({ id: await nodeIdOf() });
    expect(refused.data).toEqual({ revertPullRequest: null });
    expect(refused.errors).toEqual([
      expect.objectContaining({ type: "UNPROCESSABLE", message: "Pull request is not merged" }),
    ]);
    expect(eventNames(fixture)).toEqual([]);
  });

  it("refuses a change that no longer reverts cleanly", async () => {
    await fixture.app().rest.pulls.merge(pr);
    await commitTo(fixture, "main", { "a.txt": tenLines.replace("line 1\n", "line uno\n") });
    const refused = await raw({ id: await nodeIdOf() });
    expect(refused.errors).toEqual([expect.objectContaining({ type: "UNPROCESSABLE" })]);
    expect(await fixture.repo.git.getRef("refs/heads/revert-1-feature")).toBeUndefined();
  });

  it("refuses a read-only user (FORBIDDEN) and a token without contents write", async () => {
    await fixture.app().rest.pulls.merge(pr);
    const id = await nodeIdOf();
    const reader = await raw({ id }, fixture.user("reader"));
    expect(reader.errors).toEqual([expect.objectContaining({ type: "FORBIDDEN" })]);
    const narrowed = await raw({ id }, fixture.narrowedApp({ pull_requests: "write", contents: "read" }));
    expect(narrowed.errors).toEqual([
      expect.objectContaining({ type: "FORBIDDEN", message: "Resource not accessible by integration" }),
    ]);
    const open = (await fixture.app().rest.pulls.list({ owner: "acme", repo: "widgets", state: "open" })).data;
    expect(open).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { loggedErrors, seedPull } from "./issues-test-helpers.js";

/** GET /repos/{o}/{r}/issues on a repository of its own, so every issue in it is known. */
describe("issues/list-for-repo", () => {
  let octocat: TestOctokit;
  const owner = "acme";
  const repo = "listing";
  const numbers: Record<string, number> = {};

  const fixture = useRestFixture({
    setUp: async (started) => {
      const listing = await started.ctx.state.createRepo(owner, repo);
      started.ctx.state.setPermission(listing, "octocat", "admin");
      started.ctx.state.setPermission(listing, "reader", "read");
      octocat = started.user("octocat");
      const create = async (key: string, title: string, extra: Record<string, unknown>, as = octocat) => {
        numbers[key] = (await as.rest.issues.create({ owner, repo, title, ...extra })).data.number;
      };
      await create("bug", "A bug", { labels: ["bug", "P1"], body: "cc @reader please" });
      await create("doc", "Docs", { labels: ["documentation"], assignees: ["octocat"] });
      await create("closed", "Closed one", { labels: ["bug"] });
      await octocat.rest.issues.update({ owner, repo, issue_number: numbers.closed!, state: "closed" });
      await create("reader", "From reader", {}, started.user("reader"));
      await octocat.rest.issues.createComment({ owner, repo, issue_number: numbers.doc!, body: "one" });
      await octocat.rest.issues.createComment({ owner, repo, issue_number: numbers.doc!, body: "two" });
      // order by update time independently of the clock's one-second resolution
      listing.issues.get(numbers.bug!)!.updatedAt = "2030-01-01T00:00:00Z";
    },
  });

  const list = async (query: Record<string, unknown> = {}, as: TestOctokit = octocat) =>
    (await as.rest.issues.listForRepo({ owner, repo, ...query })).data.map((issue) => issue.number);

  it("lists open issues, newest first, and filters by state", async () => {
    expect(await list()).toEqual([numbers.reader, numbers.doc, numbers.bug]);
    expect(await list({ state: "closed" })).toEqual([numbers.closed]);
    expect(await list({ state: "all", direction: "asc" })).toEqual([
      numbers.bug,
      numbers.doc,
      numbers.closed,
      numbers.reader,
    ]);
  });

  it("filters by labels (all of them, case-insensitively), creator, assignee, mention and since", async () => {
    expect(await list({ labels: "bug", state: "all" })).toEqual([numbers.closed, numbers.bug]);
    expect(await list({ labels: "BUG, p1", state: "all" })).toEqual([numbers.bug]);
    expect(await list({ creator: "Reader" })).toEqual([numbers.reader]);
    expect(await list({ assignee: "octocat" })).toEqual([numbers.doc]);
    expect(await list({ assignee: "none" })).toEqual([numbers.reader, numbers.bug]);
    expect(await list({ assignee: "*" })).toEqual([numbers.doc]);
    expect(await list({ mentioned: "reader" })).toEqual([numbers.bug]);
    expect(await list({ since: "2029-12-31T00:00:00Z" })).toEqual([numbers.bug]);
    expect(await list({ milestone: "*" })).toEqual([]);
    expect(await list({ milestone: "none" })).toHaveLength(3);
  });

  it("sorts by updated and by comments", async () => {
    expect((await list({ sort: "updated" }))[0]).toBe(numbers.bug);
    expect((await list({ sort: "comments" }))[0]).toBe(numbers.doc);
    expect((await list({ sort: "comments", direction: "asc" })).at(-1)).toBe(numbers.doc);
  });

  it("includes pull requests, and only them for an installation with pull_requests but not issues", async () => {
    const listing = fixture.ctx.state.getRepo(owner, repo)!;
    const pull = seedPull({ ...fixture, repo: listing }, "A pull");
    const { data } = await octocat.rest.issues.listForRepo({ owner, repo });
    expect(data[0]).toMatchObject({
      number: pull.number,
      pull_request: { url: expect.stringContaining(`/pulls/${pull.number}`) },
    });
    expect(await list({}, fixture.narrowedApp({ pull_requests: "read", metadata: "read" }))).toEqual([pull.number]);
    expect(loggedErrors(fixture)).toEqual([]);
  });

  it("pages with GitHub's Link header", async () => {
    const first = await octocat.rest.issues.listForRepo({ owner, repo, state: "all", per_page: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain(`/repos/${owner}/${repo}/issues?state=all&per_page=2&page=2>; rel="next"`);
    const all = await octocat.paginate(octocat.rest.issues.listForRepo, { owner, repo, state: "all", per_page: 2 });
    expect(all.map((issue) => issue.number)).toEqual([...new Set(all.map((issue) => issue.number))]);
    expect(all).toHaveLength(5);
    const single = await octocat.rest.issues.listForRepo({ owner, repo, state: "all" });
    expect(single.headers.link).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { zeroSha } from "../../../src/events/index.js";
import { useRestFixture } from "../rest-fixture.js";
import { commitFiles, setBranch, resetBranches } from "./repo-helpers.js";

describe("Git refs API", () => {
  const owner = "acme";
  const repo = "widgets";

  const fixture = useRestFixture({ afterEach: resetBranches });

  it("creates a branch with 201 and a Location, and announces the push and the check suite", async () => {
    const created = await fixture
      .app()
      .rest.git.createRef({ owner, repo, ref: "refs/heads/feature", sha: fixture.initialSha });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${fixture.url}/repos/acme/widgets/git/refs/heads/feature`);
    expect(created.data).toMatchObject({
      ref: "refs/heads/feature",
      object: {
        type: "commit",
        sha: fixture.initialSha,
        url: `${fixture.url}/repos/acme/widgets/git/commits/${fixture.initialSha}`,
      },
    });
    expect(fixture.events.map((event) => [event.name, "action" in event ? event.action : undefined])).toEqual([
      ["push", undefined],
      ["check_suite", "requested"],
    ]);
    expect(fixture.events[0]).toMatchObject({
      name: "push",
      ref: "refs/heads/feature",
      before: zeroSha,
      after: fixture.initialSha,
      forced: false,
      sender: { login: "autopilot-sandbox[bot]" },
    });
  });

  it("refuses an existing ref, a short name, an invalid name and an unknown sha with GitHub's 422s", async () => {
    const octokit = fixture.app();
    const cases: [string, string, string][] = [
      ["refs/heads/main", fixture.initialSha, "Reference already exists"],
      ["heads/feature", fixture.initialSha, "Reference name must contain at least three slash-separated components."],
      ["refs/heads/bad..name", fixture.initialSha, "refs/heads/bad..name is not a valid ref name."],
      ["refs/heads/ghost", "3".repeat(40), "Object does not exist"],
    ];
    for (const [ref, sha, message] of cases) {
      await expect(octokit.rest.git.createRef({ owner, repo, ref, sha })).rejects.toMatchObject({
        status: 422,
        response: { data: { message } },
      });
    }
    expect(fixture.events).toEqual([]);
  });

  it("reads one ref and lists refs by prefix; a path with refs/ in front names nothing", async () => {
    const octokit = fixture.app();
    await setBranch(fixture, "feature-1", fixture.initialSha);
    await setBranch(fixture, "feature-2", fixture.initialSha);
    await setBranch(fixture, "other", fixture.initialSha);

    const one = await octokit.rest.git.getRef({ owner, repo, ref: "heads/feature-1" });
    expect(one.data).toMatchObject({ ref: "refs/heads/feature-1", object: { sha: fixture.initialSha } });
    const matching = await octokit.rest.git.listMatchingRefs({ owner, repo, ref: "heads/feat" });
    expect(matching.data.map((ref) => ref.ref)).toEqual(["refs/heads/feature-1", "refs/heads/feature-2"]);
    const none = await octokit.rest.git.listMatchingRefs({ owner, repo, ref: "heads/nothing" });
    expect(none.data).toEqual([]);

    await expect(octokit.rest.git.getRef({ owner, repo, ref: "heads/feature" })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.git.getRef({ owner, repo, ref: "refs/heads/main" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("moves a branch forward, refuses a non-fast-forward with 422, and forces it when told", async () => {
    const octokit = fixture.app();
    const next = await commitFiles(fixture, fixture.initialSha, { "a.txt": "a\n" });
    const sideways = await commitFiles(fixture, fixture.initialSha, { "b.txt": "b\n" });

    const moved = await octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: next });
    expect(moved.data.object.sha).toBe(next);
    expect(fixture.events[0]).toMatchObject({ name: "push", before: fixture.initialSha, after: next, forced: false });
    expect(fixture.events[0]).toMatchObject({ commits: [{ sha: next }] });

    fixture.events.length = 0;
    await expect(octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: sideways })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Update is not a fast forward" } },
    });
    expect(fixture.events).toEqual([]);

    const forced = await octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: sideways, force: true });
    expect(forced.data.object.sha).toBe(sideways);
    expect(fixture.events[0]).toMatchObject({ name: "push", before: next, after: sideways, forced: true });
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(sideways);
  });

  it("deletes a ref with 204 and a push to zeros; a missing ref is a 422", async () => {
    const octokit = fixture.app();
    await setBranch(fixture, "doomed", fixture.initialSha);
    const deleted = await octokit.rest.git.deleteRef({ owner, repo, ref: "heads/doomed" });
    expect(deleted.status).toBe(204);
    expect(fixture.events).toEqual([
      expect.objectContaining({
        name: "push",
        ref: "refs/heads/doomed",
        before: fixture.initialSha,
        after: zeroSha,
        commits: [],
      }),
    ]);
    await expect(octokit.rest.git.deleteRef({ owner, repo, ref: "heads/doomed" })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Reference does not exist" } },
    });
    await expect(
      octokit.rest.git.updateRef({ owner, repo, ref: "heads/doomed", sha: fixture.initialSha }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Reference does not exist" } },
    });
  });

  it("refuses ref writes to a token with contents read only, and to a reader", async () => {
    const readOnly = fixture.ctx.auth.createInstallationToken(fixture.installationId, {
      permissions: { contents: "read" },
    });
    const octokit = fixture.app({ auth: { token: readOnly.token } });
    await expect(
      octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/x", sha: fixture.initialSha }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by integration" } },
    });
    await expect(
      fixture.user("reader").rest.git.updateRef({ owner, repo, ref: "heads/main", sha: fixture.initialSha }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Must have push access to this repository." } },
    });
    expect(fixture.events).toEqual([]);
  });
});

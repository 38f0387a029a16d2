import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentBodies, labelNames, setRepoConfig, startAppHarness, taskSpec, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * What a team's usual protection of `main` does to Autopilot today: a code owner's review, a
 * required status check, up to date before merging, no bypass for apps. The app still commits its
 * queue straight to `main` (issue 13, item 1, moves it off), and GitHub refuses that push.
 */
describe("a protected main (required code-owner review, required check, strict)", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["merge:", "  required_checks: [ci/test]", "dispatch:", "  target: none", ""].join("\n"));
    const owners = Buffer.from("* @octocat\n").toString("base64");
    await h.user.rest.repos.createOrUpdateFileContents({ ...repo, path: ".github/CODEOWNERS", message: "Owners", content: owners });
    await h.settle();
    await h.user.rest.repos.updateBranchProtection({
      ...repo,
      branch: "main",
      required_status_checks: { strict: true, contexts: ["ci/test"] },
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 1, require_code_owner_reviews: true },
      restrictions: null,
    });
  }, 60_000);
  afterAll(() => h.close());

  it("refuses the app's first queue push with 422, and the labelled task stalls with nothing said", async () => {
    const main = await h.sandbox.repo.git.getRef("refs/heads/main");
    const title = "Paginate widget lists";
    const issue = (await h.user.rest.issues.create({ ...repo, title, body: taskSpec("src/widgets/**") })).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();

    const refused = h.sandbox.requests().filter((request) => request.operationId === "git/update-ref" && request.status === 422);
    expect(refused.map((request) => request.path)).toEqual(["/repos/acme/widgets/git/refs/heads%2Fmain"]);
    // GitHub's answer to that push, replayed with the app's own token
    const tip = main ?? "";
    const tree = (await h.user.rest.git.getCommit({ ...repo, commit_sha: tip })).data.tree.sha;
    const next = (await h.user.rest.git.createCommit({ ...repo, message: "Queue move", tree, parents: [tip] })).data.sha;
    const answer = await h.asApp().rest.git.updateRef({ ...repo, ref: "heads/main", sha: next }).catch((error: unknown) => error);
    expect(answer).toMatchObject({ status: 422, response: { data: { message: "Changes must be made through a pull request." } } });
    expect(await h.sandbox.repo.git.getRef("refs/heads/main")).toBe(main);

    // what the owner sees: no task branch, no draft PR, no comment, no state label
    expect((await h.user.rest.pulls.list({ ...repo, state: "all" })).data).toEqual([]);
    expect(await commentBodies(h, issue)).toEqual([]);
    expect(await labelNames(h, issue)).toEqual(["autopilot"]);
  }, 60_000);

  it.todo(
    "a task goes from label to merge with no direct push to main, and the PR says what a human must do " +
      "(needs the queue state off the default branch: issue 13, item 1)",
  );
});

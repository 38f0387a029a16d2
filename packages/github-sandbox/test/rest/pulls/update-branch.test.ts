import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitTo, eventNames, failure, openPull } from "./pull-helpers.js";

const fixture = useRestFixture({ perTest: true });

const repo = (): { owner: string; repo: string } => ({ owner: fixture.owner, repo: fixture.name });
const featureTip = async (): Promise<string | undefined> => fixture.repo.git.getRef("refs/heads/feature");

describe("pulls/update-branch", () => {
  it("merges main into the head branch, moves it and synchronizes the pull request", async () => {
    const head = await commitTo(fixture, "feature", { "a.txt": "a\n" });
    await openPull(fixture, "feature");
    const base = await commitTo(fixture, "main", { "main.txt": "m\n" });
    const compared = await fixture
      .app()
      .rest.repos.compareCommitsWithBasehead({ ...repo(), basehead: `main...${head}` });
    expect(compared.data.behind_by).toBe(1);

    const answer = await fixture.app().rest.pulls.updateBranch({ ...repo(), pull_number: 1, expected_head_sha: head });
    expect(answer.status).toBe(202);
    expect(answer.data).toEqual({
      message: "Updating pull request branch.",
      url: `${fixture.url}/repos/acme/widgets/pulls/1`,
    });

    const tip = await featureTip();
    const merge = await fixture.repo.git.getCommit(tip ?? "");
    expect(merge?.parents).toEqual([head, base]);
    expect(merge?.message).toBe("Merge branch 'main' into feature");
    const pull = (await fixture.app().rest.pulls.get({ ...repo(), pull_number: 1 })).data;
    expect(pull).toMatchObject({ head: { sha: tip }, mergeable_state: "clean" });
    expect(eventNames(fixture)).toEqual([
      "pull_request.opened",
      "push",
      "pull_request.synchronize",
      "check_suite.requested",
    ]);
    expect(fixture.events[2]).toMatchObject({ before: head, after: tip });
  });

  it("answers 422 when expected_head_sha is not the head", async () => {
    const head = await commitTo(fixture, "feature", { "a.txt": "a\n" });
    await openPull(fixture, "feature");
    await commitTo(fixture, "main", { "main.txt": "m\n" });
    const stale = await failure(
      fixture.app().rest.pulls.updateBranch({ ...repo(), pull_number: 1, expected_head_sha: fixture.initialSha }),
    );
    expect(stale).toMatchObject({ status: 422, data: { message: "expected head sha didn't match current head ref." } });
    expect(await featureTip()).toBe(head);
  });

  it("answers 422 when base has nothing new", async () => {
    await commitTo(fixture, "feature", { "a.txt": "a\n" });
    await openPull(fixture, "feature");
    const current = await failure(fixture.app().rest.pulls.updateBranch({ ...repo(), pull_number: 1 }));
    expect(current).toMatchObject({ status: 422, data: { message: "There are no new commits on the base branch." } });
  });

  it("answers 422 on a conflict and leaves the head branch where it was", async () => {
    const head = await commitTo(fixture, "feature", { "README.md": "# feature\n" });
    await openPull(fixture, "feature");
    await commitTo(fixture, "main", { "README.md": "# main\n" });
    expect((await fixture.app().rest.pulls.get({ ...repo(), pull_number: 1 })).data.mergeable_state).toBe("dirty");
    const conflict = await failure(fixture.app().rest.pulls.updateBranch({ ...repo(), pull_number: 1 }));
    expect(conflict).toMatchObject({ status: 422, data: { message: "merge conflict between base and head" } });
    expect(await featureTip()).toBe(head);
    expect(eventNames(fixture)).toEqual(["pull_request.opened"]);
  });

  it("needs pull_requests write from an installation", async () => {
    await commitTo(fixture, "feature", { "a.txt": "a\n" });
    await openPull(fixture, "feature");
    await commitTo(fixture, "main", { "main.txt": "m\n" });
    const reader = fixture.narrowedApp({ pull_requests: "read", contents: "write" });
    expect((await failure(reader.rest.pulls.updateBranch({ ...repo(), pull_number: 1 }))).status).toBe(403);
  });
});

import { describe, expect, it } from "vitest";
import { configCheckName } from "../../src/core/check-names.js";
import { reportConfigError } from "../../src/handlers/config-error.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

const problems = ["`defaults.risk`: expected low, medium, high or critical", "`labels.trigger`: expected a string"];
const mainHead = "head-of:main";

/** An invalid `.github/autopilot.yml` is reported as a failing `autopilot/config` check, once per commit and problem list. */
describe("reportConfigError", () => {
  it("fails the config check on the default branch's head, listing every problem, and says so on the issue", async () => {
    const github = fakeGitHubPort({ branches: { main: {} } });

    await reportConfigError(contextOn(github), problems, 5);

    expect(github.state.checksPublished).toHaveLength(1);
    const [{ headSha, result }] = github.state.checksPublished as [(typeof github.state.checksPublished)[number]];
    expect(headSha).toBe(mainHead);
    expect(result).toMatchObject({
      name: configCheckName,
      conclusion: "failure",
      title: ".github/autopilot.yml is invalid: 2 problems",
    });
    for (const problem of problems) expect(result.summary).toContain(`- ${problem}`);
    expect(github.state.comments).toEqual([
      expect.objectContaining({
        issueNumber: 5,
        key: "config-error",
        body: expect.stringContaining("`.github/autopilot.yml` on `main` is invalid"),
      }),
    ]);
  });

  it("publishes nothing new when the app already reported the same problems on that commit", async () => {
    const github = fakeGitHubPort({ branches: { main: {} } });

    await reportConfigError(contextOn(github), problems, 5);
    await reportConfigError(contextOn(github), problems, 5);

    expect(github.state.checksPublished).toHaveLength(1);
    expect(github.state.comments).toHaveLength(1);
  });

  it("reports again when the problems changed", async () => {
    const github = fakeGitHubPort({ branches: { main: {} } });

    await reportConfigError(contextOn(github), problems);
    await reportConfigError(contextOn(github), problems.slice(0, 1));

    expect(github.state.checksPublished.map(({ result }) => result.title)).toEqual([
      ".github/autopilot.yml is invalid: 2 problems",
      ".github/autopilot.yml is invalid: 1 problem",
    ]);
    expect(github.state.comments).toEqual([]);
  });

  it("does not take another app's run of the same name and text for its own report", async () => {
    // what the app's own report says, copied word for word by another app
    const original = fakeGitHubPort({ branches: { main: {} } });
    await reportConfigError(contextOn(original), problems);
    const { title, summary } = original.state.checksPublished[0]!.result;
    const impostor = {
      id: 9,
      name: configCheckName,
      status: "completed" as const,
      conclusion: "success" as const,
      head_sha: mainHead,
      check_suite: null,
      app: { id: 666, slug: "impostor" },
      output: { title, summary },
    };
    const github = fakeGitHubPort({ branches: { main: {} }, checkRuns: [impostor], appId: 42 });

    await reportConfigError(contextOn(github), problems);

    expect(github.callsTo("listCheckRuns")).toEqual([[mainHead, { checkName: configCheckName, limit: 1, appId: 42 }]]);
    expect(github.state.checksPublished).toHaveLength(1);
  });

  it("lets GitHub's refusal through when the default branch does not exist", async () => {
    const github = fakeGitHubPort({ branches: {} });
    await expect(reportConfigError(contextOn(github), problems)).rejects.toMatchObject({ status: 404 });
    expect(github.state.checksPublished).toEqual([]);
  });
});

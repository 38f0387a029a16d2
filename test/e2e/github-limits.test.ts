import { afterEach, describe, expect, it } from "vitest";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { pushCommit, startAppHarness, startTask, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const filler = (count: number, from = 0): string =>
  Array.from({ length: count }, (_, i) => `export const widget${from + i} = ${from + i};`).join("\n") + "\n";

/**
 * What real GitHub leaves out, refuses or limits, met end to end by the app on the sandbox.
 */
describe("GitHub's limits, as the app meets them", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  const checks = async (sha: string) => {
    const runs = (await h!.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs;
    return Object.fromEntries(runs.map((run) => [run.name, run]));
  };

  it("finds a credential hidden in a file whose diff GitHub does not send, and names its line", async () => {
    h = await startAppHarness();
    // the agent hides a credential in the middle of a change too large for GitHub to send a patch
    h.sandbox.state.setDiffLimits({ patchBytes: 4_000 });
    await pushCommit(h.user, "main", "Add the widget table", { "src/widgets/table.ts": filler(300) });
    const { branch } = await startTask(h, "Grow the widget table", "src/widgets/**");
    const credential = fakeGithubToken();
    const grown = `${filler(300)}${filler(150, 300)}export const token = "${credential}";\n${filler(150, 450)}`;
    const sha = await pushCommit(h.user, branch, "Grow the table\n\nTask: T-2\nRefs: NT-0012\n", {
      "src/widgets/table.ts": grown,
      "src/widgets/fresh.ts": `${filler(200)}const key = "${fakeGithubToken()}";\n`,
    });
    await h.settle();

    const files = (await h.user.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `main...${sha}` })).data.files ?? [];
    expect(files.filter((file) => file.patch === undefined).map((file) => file.filename).sort()).toEqual([
      "src/widgets/fresh.ts",
      "src/widgets/table.ts",
    ]);
    const run = (await checks(sha))["autopilot/secrets"];
    expect(run).toMatchObject({ conclusion: "failure", output: { title: expect.stringMatching(/^2 possible secrets found/) } });
    const found = (await h.user.rest.checks.listAnnotations({ ...repo, check_run_id: run!.id })).data;
    expect(found.map((annotation) => [annotation.path, annotation.start_line]).sort()).toEqual([
      ["src/widgets/fresh.ts", 201],
      ["src/widgets/table.ts", 451],
    ]);
    expect(JSON.stringify([run, found])).not.toContain(credential);
  }, 60_000);
});

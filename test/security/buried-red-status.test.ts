import { afterEach, describe, expect, it } from "vitest";
import { setRepoConfig, startAppHarness, startTask, type AppHarness } from "../e2e/app-harness.js";
import { asActions, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * CI failing on the default branch's head holds new tasks. GitHub lists a commit's statuses and
 * check runs 100 a page, newest first: the agent's account (statuses) or its Actions job (check
 * runs) can post a hundred green ones after the team's failure, so a reader of the first page
 * alone never sees the failure and starts tasks on a broken base.
 */
describe("a red CI buried under a hundred later results", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const kind of ["statuses", "check runs"] as const)
    it(`still holds new tasks (${kind})`, async () => {
      h = await startAppHarness();
      const agent = await personWith(h, "widget-agent", "write");
      await setRepoConfig(h, ["agent_accounts: [widget-agent]", "dispatch:", "  target: none", ""].join("\n"));
      const head = (await h.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
      if (kind === "statuses") {
        await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "failure", context: "ci/test" });
        for (let n = 1; n <= 100; n++)
          await agent.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: `lint/${n}` });
      } else {
        const ci = asActions(h);
        await ci.rest.checks.create({
          ...repo,
          name: "ci/test",
          head_sha: head,
          status: "completed",
          conclusion: "failure",
        });
        for (let n = 1; n <= 100; n++)
          await ci.rest.checks.create({
            ...repo,
            name: `lint/${n}`,
            head_sha: head,
            status: "completed",
            conclusion: "success",
          });
      }
      await h.settle();
      await expect(startTask(h, "Sort widgets", "src/sort/**")).rejects.toThrow(/no draft PR/);
    });
});

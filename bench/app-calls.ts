/**
 * REST calls Autopilot makes per flow, counted on the sandbox (every request it answers is
 * recorded): dispatching a labeled issue, and gating a push of 100 and of 1,000 files to a task
 * PR. The sandbox's own writes (the simulated agent's commit) go straight to git and are not counted;
 * the one ref update that announces the push is subtracted.
 */
import { ProbotOctokit } from "probot";
import { Sandbox, startAutopilotOnSandbox } from "../src/sandbox/index.js";

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const spec = [
  "Widget lists should come in pages.",
  "```autopilot",
  'scope: ["src/widgets/**"]',
  "risk: medium",
  "refs: [NT-0012]",
  "acceptance:",
  '  - "GET /widgets returns 50 widgets per page"',
  "```",
].join("\n");

export async function runAppCallsBench(): Promise<object> {
  const sandbox = await Sandbox.start({ installApp: false });
  const autopilot = await startAutopilotOnSandbox(sandbox);
  sandbox.installApp();
  const user = new ProbotOctokit({ baseUrl: sandbox.apiUrl, auth: { token: sandbox.userToken() }, log: silent, retry: { enabled: false }, throttle: { enabled: false } });
  const repo = { owner: "acme", repo: "widgets" };
  try {
    await autopilot.settle();
    const measure = async (userCalls: number, act: () => Promise<void>) => {
      sandbox.server.clearRequests();
      const started = performance.now();
      await act();
      await autopilot.settle();
      const requests = sandbox.requests();
      const byOperation: Record<string, number> = {};
      for (const request of requests.slice(userCalls)) byOperation[request.operationId ?? "?"] = (byOperation[request.operationId ?? "?"] ?? 0) + 1;
      return { app_calls: requests.length - userCalls, ms: Math.round(performance.now() - started), by_operation: byOperation };
    };

    const issue = (await user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: spec })).data.number;
    const dispatch = await measure(1, async () => {
      await user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    });
    const branch = `autopilot/T-${issue}-paginate-widget-lists`;

    const pushFiles = (count: number, round: number) =>
      measure(1, async () => {
        const git = sandbox.repo.git;
        const head = await git.getRef(`refs/heads/${branch}`);
        const parent = await git.getCommit(head ?? "");
        const entries = Array.from({ length: count }, (_, index) => ({
          path: `src/widgets/generated/r${round}/file-${index}.ts`,
          mode: "100644" as const,
          type: "blob" as const,
          content: `export const value${index} = ${index};\n`,
        }));
        const tree = await git.createTree(entries, parent?.tree);
        const commit = await git.createCommit({ message: `Add ${count} files\n\nTask: T-${issue}\nRefs: NT-0012\n`, tree: tree.sha, parents: [head ?? ""] });
        await user.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.sha });
      });
    const gates100 = await pushFiles(100, 1);
    const gates1000 = await pushFiles(900, 2);
    return {
      dispatch,
      gates_100_files: gates100,
      gates_1000_files: gates1000,
      target: "gates on ≤ 100 files: at most 5 calls (issue 4); dispatch: as few as the idempotent steps allow",
    };
  } finally {
    await autopilot.stop();
    await sandbox.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await runAppCallsBench(), null, 2)}\n`);
}

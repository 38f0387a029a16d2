import { repoRef, type DemoOctokit } from "./actors.js";
import { expectFound } from "./expectation.js";
import { contentsUrl, describeQueueLine, fileText, labelsOn, queueLine } from "./read-back.js";
import type { StepContext, TaskRef } from "./step.js";

/** The draft PR Autopilot opened for the issue (titled `[T-<n>] …`), or undefined. */
export async function findTaskPull(octokit: DemoOctokit, issue: number) {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, { ...repoRef, state: "all", per_page: 100 });
  return pulls.find((pull) => pull.title.startsWith(`[T-${issue}]`));
}

/**
 * After a dispatch: finds the task's PR, branch and task file, prints them with where to read
 * them, and fails the step when any is missing.
 */
export async function readDispatchedTask(context: StepContext, issue: number): Promise<TaskRef> {
  const { owner } = context.world.actors;
  const { transcript } = context;
  const taskId = `T-${issue}`;
  const pull = expectFound(
    await findTaskPull(owner, issue),
    `expected Autopilot to open a draft PR "[${taskId}] …" for #${issue}; there is none`,
  );
  const branch = pull.head.ref;
  const taskFile = `ops/tasks/${taskId}.md`;
  expectFound(await fileText(owner, taskFile, branch), `expected ${taskFile} on ${branch}; it is not there`);
  transcript.autopilot(`dispatched ${taskId}: branch ${branch}, draft PR #${pull.number} "${pull.title}"`);
  transcript.detail(`PR:        ${pull.html_url}${pull.draft ? " (draft)" : ""}`);
  transcript.detail(`task file: ${taskFile} → ${contentsUrl(context.world.sandbox.apiUrl, taskFile, branch)}`);
  transcript.detail(`labels:    ${(await labelsOn(owner, issue)).join(", ")}`);
  const line = await queueLine(owner, taskId);
  if (line) {
    transcript.detail(`queue:     ${describeQueueLine(line)}`);
    if (line.dispatched_at)
      transcript.detail(
        `agent:     started at ${String(line.dispatched_at)} (the workflow_dispatch the configuration names)`,
      );
  }
  // what GitHub received: the sandbox records every workflow_dispatch, as the Actions tab lists its runs
  const start = context.world.sandbox.repo.workflowDispatches.filter((item) => item.inputs.task === taskId).at(-1);
  if (start) {
    const inputs = Object.entries(start.inputs)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(", ");
    transcript.autopilot(
      `starts the coding agent: workflow ${String(start.workflowId)} on ${start.ref}, dispatched by ${start.sender.login} with ${inputs}`,
    );
  }
  const task: TaskRef = { taskId, issue, pr: pull.number, nodeId: pull.node_id, branch };
  context.state.tasks.push(task);
  return task;
}

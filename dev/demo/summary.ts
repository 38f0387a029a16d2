import type { DemoWorld } from "./actors.js";
import { fileText, queueLine, stateBranch } from "./read-back.js";
import type { StoryState } from "./step.js";
import type { Transcript } from "./transcript.js";

const countBy = (values: readonly string[]): string =>
  [...values.reduce((counts, value) => counts.set(value, (counts.get(value) ?? 0) + 1), new Map<string, number>())]
    .map(([value, count]) => `${count} ${value}`)
    .join(", ");

/** The provider a line of `ops/model-decisions.jsonl` names (the app reports lines it cannot read; here they count as such). */
function providerOf(line: string): string {
  try {
    return String((JSON.parse(line) as { provider?: unknown }).provider ?? "unknown");
  } catch (error) {
    if (error instanceof SyntaxError) return "unreadable line";
    throw error;
  }
}

/**
 * The closing lines: the tasks and where they ended, the check runs shown by conclusion, the calls
 * made (Autopilot's REST/GraphQL calls, the story's own, webhooks, model calls), the duration.
 */
export async function printSummary(
  world: DemoWorld,
  state: StoryState,
  transcript: Transcript,
  startedAt: number,
): Promise<void> {
  const { owner } = world.actors;
  transcript.heading("Summary", "what happened");
  for (const task of state.tasks) {
    const line = await queueLine(owner, task.taskId);
    transcript.line(
      `  ${task.taskId}  issue #${task.issue}, PR #${task.pr}: ${String(line?.status ?? "not in the queue")}`,
    );
  }
  if (state.tasks.length === 0) transcript.line("  no task was started");
  const checks = [...state.checks.values()];
  transcript.line(
    `  check runs shown: ${checks.length}${checks.length > 0 ? ` (${countBy(checks.map((run) => run.conclusion ?? "pending"))})` : ""}`,
  );
  const requests = world.sandbox.requests();
  // the people's clients send no conditional requests: every 304 answered Autopilot
  const notModified = requests.filter((request) => request.status === 304).length;
  const story = world.actors.calls();
  const webhooks = world.sandbox.deliveries.list({ per_page: 1 }).deliveries[0]?.id ?? 0;
  transcript.line(
    `  GitHub calls: ${requests.length - story - notModified} by Autopilot counted against its rate limit, plus ${notModified} conditional reads answered 304 (not counted); ${story} by the people of the story (reading back included); ${webhooks} webhooks delivered`,
  );
  const decisions = ((await fileText(owner, "ops/model-decisions.jsonl", stateBranch)) ?? "")
    .split("\n")
    .filter((line) => line.trim() !== "");
  const providers = decisions.map(providerOf);
  transcript.line(
    `  review calls recorded in ops/model-decisions.jsonl: ${decisions.length}${decisions.length > 0 ? ` (${countBy(providers)})` : ""}; reviewers: ${state.reviewers.label}`,
  );
  transcript.line(`  duration: ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
}

import type { Annotation, GateResult } from "../core/gate-result.js";
import { annotationBatches, capSummary, redactOutput } from "./check-run-output.js";
import type { GithubClient } from "./client.js";

export interface StartCheckRunsOptions {
  /** The repository's node id (`repository.node_id` in a webhook, `repository { id }` in GraphQL). */
  repositoryId: string;
  headSha: string;
  names: readonly string[];
}

export interface CompleteCheckRunsOptions {
  repositoryId: string;
  /** The commit the runs report on: needed when a run was not started (it is created completed). */
  headSha?: string;
  /** Each result with the run that shows it: a started run (its node id), or none (created completed). */
  runs: ReadonlyArray<{ checkRunId?: string; result: GateResult }>;
}

type MutationData = Record<string, { checkRun: { id: string } | null } | null>;

type AliasedMutation = { mutation: "createCheckRun" | "updateCheckRun"; input: object };

/**
 * One GraphQL request running each mutation under its own alias (`r0`, `r1`, …) with its input in
 * a variable: GitHub runs a document's mutations one after another. Returns each run's node id.
 */
async function runAliased(octokit: GithubClient, mutations: readonly AliasedMutation[]): Promise<string[]> {
  const typeOf = (mutation: AliasedMutation["mutation"]) =>
    mutation === "createCheckRun" ? "CreateCheckRunInput" : "UpdateCheckRunInput";
  const declared = mutations.map(({ mutation }, index) => `$i${index}: ${typeOf(mutation)}!`).join(", ");
  const fields = mutations
    .map(({ mutation }, index) => `r${index}: ${mutation}(input: $i${index}) { checkRun { id } }`)
    .join("\n  ");
  const variables = Object.fromEntries(mutations.map(({ input }, index) => [`i${index}`, input]));
  const data = await octokit.graphql<MutationData>(`mutation (${declared}) {\n  ${fields}\n}`, variables);
  return mutations.map(({ mutation }, index) => {
    const id = data[`r${index}`]?.checkRun?.id;
    if (id === undefined) throw new Error(`autopilot: GitHub answered ${mutation} #${index} without a check run`);
    return id;
  });
}

/** An annotation as GraphQL's `CheckAnnotationData` takes it (already within GitHub's limits). */
function annotationData(annotation: Annotation) {
  return {
    path: annotation.path,
    location: {
      startLine: annotation.start_line,
      endLine: annotation.end_line,
      ...(annotation.start_column === undefined ? {} : { startColumn: annotation.start_column }),
      ...(annotation.end_column === undefined ? {} : { endColumn: annotation.end_column }),
    },
    annotationLevel: annotation.annotation_level.toUpperCase(),
    message: annotation.message,
    ...(annotation.title === undefined ? {} : { title: annotation.title }),
  };
}

/**
 * Creates the gates' check runs on `headSha`, `in_progress`, all in one GraphQL request (aliased
 * `createCheckRun` mutations), so the PR shows them running. Returns each name's run node id.
 */
export async function startCheckRuns(
  octokit: GithubClient,
  { repositoryId, headSha, names }: StartCheckRunsOptions,
): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const startedAt = new Date().toISOString();
  const ids = await runAliased(
    octokit,
    names.map((name) => ({
      mutation: "createCheckRun" as const,
      input: { repositoryId, headSha, name, status: "IN_PROGRESS", startedAt },
    })),
  );
  return new Map(names.map((name, index) => [name, ids[index] as string]));
}

/**
 * Completes the gates' runs with their results in as few GraphQL requests as GitHub's limit of 50
 * annotations per run and request allows: the first request completes every run (conclusion,
 * title, summary capped at 65,535 UTF-8 bytes with a note, first 50 annotations), updating a
 * started run or creating, on `headSha`, a run that was not started (one request instead of two
 * when the gates finish before anyone could watch them run); each further request appends the
 * next 50 of the runs that have more, naming no status, so the runs stay as the first request left
 * them. Returns how many requests were made.
 */
export async function completeCheckRuns(
  octokit: GithubClient,
  { repositoryId, headSha, runs }: CompleteCheckRunsOptions,
): Promise<number> {
  if (runs.length === 0) return 0;
  const completedAt = new Date().toISOString();
  const ids = runs.map((run) => run.checkRunId);
  const batches = runs.map((run) => annotationBatches(run.result.annotations));
  const rounds = Math.max(...batches.map((batch) => batch.length));
  for (let round = 0; round < rounds; round += 1) {
    const sent: number[] = [];
    const mutations = runs.flatMap(({ result }, index): AliasedMutation[] => {
      const batch = batches[index]?.[round];
      if (batch === undefined) return [];
      sent.push(index);
      const output = {
        title: redactOutput(result.title),
        summary: capSummary(result.summary),
        ...(batch.length > 0 ? { annotations: batch.map(annotationData) } : {}),
      };
      const completion =
        round === 0 ? { status: "COMPLETED", conclusion: result.conclusion.toUpperCase(), completedAt } : {};
      const checkRunId = ids[index];
      if (checkRunId !== undefined)
        return [{ mutation: "updateCheckRun", input: { repositoryId, checkRunId, ...completion, output } }];
      if (headSha === undefined)
        throw new Error(`autopilot: the gate ${result.name} has no run and no commit to create it on`);
      const created = { repositoryId, headSha, name: result.name, startedAt: completedAt, ...completion, output };
      return [{ mutation: "createCheckRun", input: created }];
    });
    const answered = await runAliased(octokit, mutations);
    sent.forEach((index, position) => {
      ids[index] ??= answered[position];
    });
  }
  return rounds;
}

import { createHash } from "node:crypto";
import type { Config } from "../../config/index.js";
import { loadBlueprintIndex, type BlueprintIndex } from "../../core/concordance/index.js";
import type { GateResult } from "../../core/gate-result.js";
import type { CiCheck } from "../../core/review/index.js";
import { isOwnRun } from "../../core/own-check-run.js";
import { readIndexFiles } from "../blueprint-files.js";
import type { RepoContext } from "../repo-context.js";

import { gateNames, SECRETS_GATE_NAME } from "../../core/check-names.js";

/** What the review's configuration amounts to: a changed config is a reason to review the same diff again. */
export const configHashOf = (config: Config): string =>
  createHash("sha256").update(JSON.stringify(config.review)).digest("hex").slice(0, 16);

export interface HeadChecks {
  /** the app's gate results on the head, as published */
  gates: GateResult[];
  /** every gate the PR needs is completed with success */
  gatesGreen: boolean;
  /** some gate is not completed yet: the review waits for it */
  gatesPending: boolean;
  /** CI: other check runs and commit statuses */
  checks: CiCheck[];
}

/**
 * The head commit's checks: the app's gates (with their summaries; runs of the same names by
 * another app are not its gates) and everything else as CI.
 */
export async function readHeadChecks(
  ctx: RepoContext,
  headSha: string,
  isTask: boolean,
  appSlug: string,
): Promise<HeadChecks> {
  const { github } = ctx;
  // the head's statuses as the merge evaluation lists them (one URL, so its read of an unchanged
  // list is answered 304): newest first, so a context's first status is its latest
  const [runs, listed] = await Promise.all([github.listCheckRuns(headSha), github.listCommitStatuses(headSha)]);
  const statuses = listed.filter(
    (status, index) => listed.findIndex((other) => other.context === status.context) === index,
  );
  const needed: readonly string[] = isTask ? gateNames : [SECRETS_GATE_NAME];
  const ours = runs.filter((run) => needed.includes(run.name) && isOwnRun(run, appSlug));
  const gates: GateResult[] = ours.map((run) => ({
    name: run.name,
    conclusion: run.conclusion === "success" || run.conclusion === "failure" ? run.conclusion : "neutral",
    title: run.output.title ?? "",
    summary: run.output.summary ?? "",
    annotations: [],
  }));
  const completed = (name: string) => ours.find((run) => run.name === name)?.status === "completed";
  const checks: CiCheck[] = [
    ...runs
      .filter((run) => !run.name.startsWith("autopilot/"))
      .map((run) => ({
        name: run.name,
        status: run.status,
        conclusion: run.conclusion ?? null,
        ...(failed(run.conclusion) ? detailOf([run.output.title, run.output.summary, run.output.text]) : {}),
      })),
    ...statuses.map((status) => ({
      name: status.context,
      status: status.state === "pending" ? "in_progress" : "completed",
      conclusion: status.state === "pending" ? null : status.state,
      ...(failed(status.state) ? detailOf([status.description]) : {}),
    })),
  ];
  return {
    gates,
    gatesPending: needed.some((name) => !completed(name)),
    gatesGreen: needed.every((name) => ours.find((run) => run.name === name)?.conclusion === "success"),
    checks,
  };
}

/** The blueprint indices at `ref` (the base), to resolve the ids commit trailers name. */
export async function readBlueprint(ctx: RepoContext, config: Config, ref: string): Promise<BlueprintIndex> {
  return loadBlueprintIndex(await readIndexFiles(ctx, config, ref)).index;
}

/** A CI result that did not pass: its output goes to the reviewers (redacted by the LLM port). */
const failed = (conclusion: string | null | undefined): boolean =>
  conclusion === "failure" ||
  conclusion === "error" ||
  conclusion === "timed_out" ||
  conclusion === "cancelled" ||
  conclusion === "action_required";

function detailOf(parts: ReadonlyArray<string | null | undefined>): { detail: string } | Record<string, never> {
  const detail = parts.filter((part): part is string => typeof part === "string" && part.trim() !== "").join("\n\n");
  return detail === "" ? {} : { detail };
}

import { SandboxHttpError } from "../../http/index.js";
import type { CheckAnnotationState, CheckRunState } from "../../state/index.js";

/** The fields of `POST /check-runs` and `PATCH /check-runs/{id}` bodies (already schema-checked). */
export interface CheckRunInput {
  name?: string;
  details_url?: string;
  external_id?: string;
  status?: "queued" | "in_progress" | "completed";
  started_at?: string;
  conclusion?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: CheckAnnotationState[] };
  actions?: CheckRunState["actions"];
}

/**
 * GitHub's body-validation message for a completed run without a conclusion (the wording its
 * schema check gives `PATCH`, whose description spells the rule out as an `anyOf`).
 */
export const conclusionRequired =
  'Invalid request.\n\nNo subschema in "anyOf" matched.\n"conclusion" wasn\'t supplied.\ncompleted is not a member of ["queued", "in_progress"].';

/** GitHub's limit on a run's `output.summary` and `output.text`, in UTF-8 bytes. */
const maxOutputBytes = 65535;

/**
 * GitHub checks `summary` and `text` twice: REST's request schema counts characters (65,535, the
 * sandbox's schema check answers that), and the check run itself counts UTF-8 bytes, which REST
 * and GraphQL both meet (github/docs#35252: emoji under the character limit were refused). Bytes
 * are never fewer than characters, so this is the whole limit on GraphQL, which has no schema of
 * lengths. The GraphQL wording is a best reading: the same message, as an UNPROCESSABLE error.
 */
function checkOutputBytes(output: CheckRunInput["output"]): void {
  for (const field of ["summary", "text"] as const) {
    const value = output?.[field];
    if (value === undefined || Buffer.byteLength(value, "utf8") <= maxOutputBytes) continue;
    throw new SandboxHttpError(422, "Validation Failed", {
      errors: [
        {
          resource: "CheckRun",
          code: "custom",
          field,
          message: `${field} exceeds a maximum bytesize of ${maxOutputBytes}`,
        },
      ],
    });
  }
}

/** Timestamps come back the way GitHub prints them: whole seconds, UTC, `Z`. */
const githubTime = (value: string): string => new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Applies a create or update body to a run, as GitHub does: a `conclusion` completes the run, a
 * completed run (or a `completed_at`) needs a conclusion, only GitHub may conclude `stale`, and
 * annotations are appended to those of earlier calls; an output over GitHub's size is refused before
 * anything changes. Returns whether the run became completed.
 */
export function applyCheckRunInput(run: CheckRunState, input: CheckRunInput, now: string): boolean {
  const wasCompleted = run.status === "completed";
  checkOutputBytes(input.output);
  if (input.conclusion === "stale") {
    throw new SandboxHttpError(422, "Validation Failed", {
      errors: [
        {
          resource: "CheckRun",
          field: "conclusion",
          code: "invalid",
          message: "Only GitHub can set a conclusion of stale.",
        },
      ],
    });
  }
  const status = input.conclusion !== undefined ? "completed" : input.status;
  const completing = status === "completed" || input.completed_at !== undefined;
  if (completing && input.conclusion === undefined && !(wasCompleted && status === undefined)) {
    throw new SandboxHttpError(422, conclusionRequired);
  }

  if (input.name !== undefined) run.name = input.name;
  if (input.details_url !== undefined) run.detailsUrl = input.details_url;
  if (input.external_id !== undefined) run.externalId = input.external_id;
  if (input.started_at !== undefined) run.startedAt = githubTime(input.started_at);
  if (input.actions !== undefined) run.actions = input.actions.map((action) => ({ ...action }));
  if (status === "completed") {
    run.status = "completed";
    run.conclusion = input.conclusion ?? run.conclusion;
    run.completedAt = input.completed_at !== undefined ? githubTime(input.completed_at) : now;
  } else if (status !== undefined) {
    run.status = status;
    run.conclusion = null;
    run.completedAt = null;
  } else if (input.completed_at !== undefined) {
    run.completedAt = githubTime(input.completed_at);
  }

  const output = input.output;
  if (output) {
    if (output.title !== undefined) run.output.title = output.title;
    if (output.summary !== undefined) run.output.summary = output.summary;
    if (output.text !== undefined) run.output.text = output.text;
    for (const annotation of output.annotations ?? []) run.output.annotations.push({ ...annotation });
  }
  return !wasCompleted && run.status === "completed";
}

import { createHash } from "node:crypto";
import { disarmCode, disarmInline } from "../markdown/index.js";

/** GitHub's answer to a refused agent start, as plain data. */
export interface StartFailure {
  /** HTTP status; undefined when no answer came */
  status: number | undefined;
  /** GitHub's `message` */
  message: string;
  /** response headers, lower-case names */
  headers: Record<string, string | number | undefined>;
}

/** What the configuration asked GitHub to start. */
export interface StartRequest {
  workflow: string;
  /** the ref the workflow was dispatched on */
  ref: string;
  /** the input names `dispatch.inputs` sends */
  inputs: readonly string[];
}

/**
 * How to treat a failed start: `retry` (a rate limit or a passing 4xx: nothing started, the next
 * reconcile starts it), `refused` (a 4xx that will not heal by itself: reported once with the fix,
 * started again only by an owner's `/retry`), `unknown` (a 5xx or no answer: the agent may run).
 */
export type StartOutcome = { kind: "retry" } | { kind: "unknown" } | { kind: "refused"; status: number; fix: string };

const header = (failure: StartFailure, name: string): string | undefined => {
  const value = failure.headers[name];
  return value === undefined ? undefined : String(value);
};

/** A primary or secondary rate limit, read as @octokit/plugin-throttling reads it. */
export function isRateLimited(failure: StartFailure): boolean {
  if (failure.status === 429) return true;
  if (failure.status !== 403) return false;
  return (
    header(failure, "retry-after") !== undefined ||
    header(failure, "x-ratelimit-remaining") === "0" ||
    /rate limit/i.test(failure.message)
  );
}

const workflowPath = (workflow: string): string => `.github/workflows/${workflow}`;

/** The names in GitHub's `Unexpected inputs provided: ["a", "b"]`. */
function unexpectedInputs(message: string): string[] | undefined {
  const list = /Unexpected inputs provided: \[(.*)\]/i.exec(message)?.[1];
  if (list === undefined) return undefined;
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1] ?? "").filter(Boolean);
}

/** What to change, in the repository or in `.github/autopilot.yml` `dispatch:`, for a 403/404/422. */
export function refusalFix(status: number, message: string, request: StartRequest): string {
  const file = disarmCode(workflowPath(request.workflow));
  const ref = disarmCode(request.ref);
  const sent =
    request.inputs.length === 0
      ? "no inputs"
      : `the inputs ${request.inputs.map((name) => disarmCode(name)).join(", ")}`;
  if (status === 404) {
    return `the workflow ${file} does not exist on ${ref}. Commit it there (ready-to-copy workflows are in Autopilot's \`docs/agents/\`), or name an existing workflow in \`.github/autopilot.yml\` \`dispatch.workflow\`.`;
  }
  if (status === 403) {
    return `the app may not start workflows (GitHub: ${disarmInline(message, 200)}). Grant the app the \`Actions: write\` permission and accept it in the installation's settings.`;
  }
  if (/does not have 'workflow_dispatch' trigger/i.test(message)) {
    return `the workflow ${file} on ${ref} has no \`workflow_dispatch\` trigger. Add \`on: workflow_dispatch:\` to it, declaring ${sent} under \`inputs:\`.`;
  }
  const unexpected = unexpectedInputs(message);
  if (unexpected !== undefined) {
    const names = unexpected.map((name) => disarmCode(name)).join(", ");
    return `the workflow ${file} does not declare the input${unexpected.length === 1 ? "" : "s"} ${names} that \`dispatch.inputs\` sends. Declare ${unexpected.length === 1 ? "it" : "them"} under \`on.workflow_dispatch.inputs\` in the workflow, or remove ${unexpected.length === 1 ? "it" : "them"} from \`dispatch.inputs\` in \`.github/autopilot.yml\`.`;
  }
  const required = /Required input '([^']*)' not provided/i.exec(message)?.[1];
  if (required !== undefined) {
    return `the workflow ${file} requires the input ${disarmCode(required)}, which \`dispatch.inputs\` does not send. Add it to \`dispatch.inputs\` in \`.github/autopilot.yml\` (e.g. \`${required.replace(/[^\w-]/g, "")}: "{{task_id}}"\`), or give it a \`default\` in the workflow.`;
  }
  const noRef = /No ref found for: (.*)/i.exec(message)?.[1];
  if (noRef !== undefined) {
    return `the ref ${disarmCode(noRef)} does not exist. Fix \`dispatch.ref\` in \`.github/autopilot.yml\`, or remove it to use the default branch.`;
  }
  if (/not in the list of allowed values/i.test(message)) {
    return `a value \`dispatch.inputs\` sends is not among the options of a \`choice\` input of ${file} (GitHub: ${disarmInline(message, 200)}). Widen the input's \`options\` or change the template.`;
  }
  return `the dispatch does not fit the workflow (GitHub: ${disarmInline(message, 300)}). Compare \`on.workflow_dispatch\` in ${file} with \`dispatch:\` in \`.github/autopilot.yml\` (${sent}).`;
}

/** Sorts a failed start: see `StartOutcome`. */
export function classifyStartFailure(failure: StartFailure, request: StartRequest): StartOutcome {
  const { status } = failure;
  if (status === undefined || status >= 500) return { kind: "unknown" };
  if (isRateLimited(failure)) return { kind: "retry" };
  if (status === 403 || status === 404 || status === 422) {
    return { kind: "refused", status, fix: refusalFix(status, failure.message, request) };
  }
  return { kind: "retry" };
}

/** The comment on the PR and the issue for a refused start. */
export function startRefusedComment(input: { taskId: string; status: number; fix: string }): string {
  return [
    `Autopilot could not start the coding agent for ${input.taskId}: GitHub refused it (${input.status}) because ${input.fix}`,
    "This does not heal by itself, so Autopilot does not try again on its own: a change of `dispatch:` in `.github/autopilot.yml` is tried at the next reconcile, and once the workflow itself is fixed, an owner's `/retry` on the issue starts the agent.",
  ].join("\n\n");
}

/**
 * A short digest of the `dispatch:` configuration a start was refused under: when the owner changes
 * `dispatch:` (the workflow's name, its ref or its inputs), the reconcile tries the start again
 * without waiting for `/retry`.
 */
export function dispatchFingerprint(dispatch: unknown): string {
  // how a run is followed (retries, stale_after) is no change to how the agent starts
  const { retries: _retries, stale_after: _staleAfter, ...start } = (dispatch ?? {}) as Record<string, unknown>;
  return createHash("sha256").update(JSON.stringify(start)).digest("hex").slice(0, 16);
}

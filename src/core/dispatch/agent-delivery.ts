import { disarmCode } from "../markdown/index.js";

/** What the agent must know to close the loop on one task. */
export interface DeliveryInput {
  taskId: string;
  branch: string;
  /** blueprint ids the spec names; empty when it names none */
  refs: readonly string[];
  scope: readonly string[];
  /** forbidden paths of the spec and the configuration's defaults */
  forbidden: readonly string[];
  /** Autopilot's control files (`controlPaths`): forbidden to every task */
  controlPaths: readonly string[];
}

const codes = (items: readonly string[]): string => items.map((item) => disarmCode(item)).join(", ");

/**
 * The steps an agent follows so that its work is judged and merged: push with a token that starts
 * CI, trailers, scope and control files, and the PR marked ready (the review starts only then).
 * Every value from the spec is a code span that cannot leave itself.
 */
export function agentDeliverySteps(input: DeliveryInput): string[] {
  const refs = input.refs.length > 0 ? `Refs: ${input.refs.join(", ")}` : "Refs: <blueprint ids>";
  const forbidden = [...input.controlPaths, ...input.forbidden];
  return [
    `1. **Push to ${disarmCode(input.branch)}** (the draft PR's branch) with a token that starts CI: a GitHub App token (for example from \`actions/create-github-app-token\`) or a person's token. A push made with the Actions \`GITHUB_TOKEN\` starts no workflows, so the required checks never report and the task cannot merge.`,
    `2. **End every commit message with the trailers** ${disarmCode(`Task: ${input.taskId}`)} and ${disarmCode(refs)}${input.refs.length > 0 ? "" : " (the blueprint sections the change implements, when the repository keeps blueprint indices)"}, in the message's last paragraph.`,
    `3. **Stay inside the scope** ${codes(input.scope)}. Never change ${codes(forbidden)}: these are Autopilot's control files and the task's forbidden paths, and a change to one fails \`autopilot/scope\`.`,
    "4. **Mark the PR ready for review when the work is done** (`gh pr ready`, or the GraphQL mutation `markPullRequestReadyForReview`): Autopilot's review starts only then, and a draft is never merged.",
  ];
}

/** The steps as a Markdown section, for the task file, the PR body and the agent's mention. */
export const agentDeliverySection = (input: DeliveryInput): string =>
  ["### How to deliver (Autopilot)", agentDeliverySteps(input).join("\n")].join("\n\n");

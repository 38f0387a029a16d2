import { createRequire } from "node:module";
import { correctSchemaDrift } from "./correct-schema-drift.js";

type Payload = Record<string, unknown>;

interface ExampleGroup {
  name: string;
  actions: string[];
  examples: Payload[];
}

let groups: Map<string, ExampleGroup> | undefined;

/** Loaded on first use: the api.github.com example set is a 4 MB JSON file. */
function exampleGroups(): Map<string, ExampleGroup> {
  if (!groups) {
    const require = createRequire(import.meta.url);
    const definitions = require("@octokit/webhooks-examples") as ExampleGroup[];
    groups = new Map(definitions.map((group) => [group.name, group]));
  }
  return groups;
}

const isBranchPushWithCommits = (payload: Payload): boolean =>
  typeof payload.ref === "string" &&
  payload.ref.startsWith("refs/heads/") &&
  Array.isArray(payload.commits) &&
  payload.commits.length > 0;

/**
 * The example for an event and action. Examples were contributed over the years and appended, so
 * the last one is the newest and the closest to today's payload schema; a push must be a branch
 * push with commits, the kind the sandbox sends (most push examples are tag pushes).
 */
function pickExample(group: ExampleGroup, action: string | undefined): Payload | undefined {
  const candidates = group.examples.filter((example) =>
    action === undefined ? !("action" in example) : example.action === action,
  );
  const preferred = group.name === "push" ? candidates.filter(isBranchPushWithCommits) : candidates;
  return preferred.at(-1) ?? candidates.at(-1);
}

/**
 * Actions whose example is missing or unusable, built from a sibling action of the same event.
 * `issues.closed`, `pull_request.edited` and `pull_request_review.edited` have no example at all. The `check_run.rerequested` examples come from an early
 * GitHub Enterprise with malformed app timestamps and lack `node_id`, `details_url` and the app's
 * `permissions`/`events`; a rerequested run is a completed run, so the completed example is the
 * same payload with another action.
 */
const derivedActions: Record<string, { from: string; build: (base: Payload) => Payload }> = {
  "issues.closed": {
    from: "reopened",
    build: (base) => {
      const issue = base.issue as Payload;
      return {
        ...base,
        action: "closed",
        issue: { ...issue, state: "closed", state_reason: "completed", closed_at: issue.updated_at },
      };
    },
  },
  "check_run.rerequested": { from: "completed", build: (base) => ({ ...base, action: "rerequested" }) },
  // no example: a run the runner picked up is the requested run, going
  "workflow_run.in_progress": {
    from: "requested",
    build: (base) => ({
      ...base,
      action: "in_progress",
      workflow_run: { ...(base.workflow_run as Payload), status: "in_progress", conclusion: null },
    }),
  },
  // no examples: the same payloads with a `changes` object the sandbox fills in
  "pull_request.edited": { from: "opened", build: (base) => ({ ...base, action: "edited", changes: {} }) },
  "pull_request_review.edited": { from: "submitted", build: (base) => ({ ...base, action: "edited", changes: {} }) },
  // no examples: the merge queue's actions, the same payloads with their own action (and reason)
  "pull_request.enqueued": { from: "opened", build: (base) => ({ ...base, action: "enqueued" }) },
  "pull_request.dequeued": {
    from: "opened",
    build: (base) => ({ ...base, action: "dequeued", reason: "UNKNOWN_REMOVAL_REASON" }),
  },
  // no examples: an organization's repository, as `privatized` carries it, with its own action
  "repository.archived": { from: "privatized", build: (base) => ({ ...base, action: "archived" }) },
  "repository.unarchived": { from: "privatized", build: (base) => ({ ...base, action: "unarchived" }) },
  "merge_group.destroyed": {
    from: "checks_requested",
    build: (base) => ({ ...base, action: "destroyed", reason: "dequeued" }),
  },
};

function describeActions(group: ExampleGroup): string {
  const withExamples = new Set(group.examples.map((example) => String(example.action)));
  for (const key of Object.keys(derivedActions)) {
    const [event, action] = key.split(".");
    if (event === group.name && action) withExamples.add(action);
  }
  return [...withExamples].sort().join(", ");
}

/**
 * A deep copy of a real payload from `@octokit/webhooks-examples` (api.github.com set) for
 * `event` and `action`, corrected where the example has drifted from GitHub's current webhook
 * schema. The sandbox fills in its own repository, issue and pull request state afterwards.
 */
export function examplePayload(event: string, action?: string): Payload {
  const group = exampleGroups().get(event);
  if (!group) {
    throw new Error(`examplePayload: unknown webhook event "${event}" (not in @octokit/webhooks-examples)`);
  }
  const key = action === undefined ? event : `${event}.${action}`;
  const derivation = derivedActions[key];
  const base = pickExample(group, derivation ? derivation.from : action);
  if (!base) {
    const hasActions = group.examples.some((example) => "action" in example);
    const hint = !hasActions
      ? `"${event}" events carry no action; call examplePayload("${event}")`
      : action === undefined
        ? `"${event}" events carry an action; pass one of: ${describeActions(group)}`
        : `examples exist for: ${describeActions(group)}`;
    throw new Error(`examplePayload: no example for "${key}"; ${hint}`);
  }
  const copy = structuredClone(base);
  return correctSchemaDrift(key, derivation ? derivation.build(copy) : copy);
}

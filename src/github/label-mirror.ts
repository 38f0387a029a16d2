import type { LabelsConfig } from "../config/index.js";
import type { QueueStatus } from "../core/queue/index.js";
import type { Risk } from "../core/task/index.js";
import { allRiskLabels, allStateLabels, defaultLabelNames, riskLabelFor, stateLabelFor } from "./label-vocabulary.js";

/** An issue or pull request whose labels mirror a task's state. */
export interface LabelMirrorTarget {
  number: number;
  /** a pull request is labelled through its `PullRequest` node */
  kind: "issue" | "pull";
  /** its node id, when known (a REST answer or a webhook payload carries `node_id`) */
  nodeId?: string;
  /**
   * Its labels now, when known (payload, a fresh read): then only what differs is changed, and
   * nothing at all when they are right. Unknown: the state label is added and every other
   * managed label is asked off, whether it is there or not (no read first).
   */
  currentLabels?: ReadonlyArray<string | { name: string }>;
}

export interface StateLabelMirror {
  targets: readonly LabelMirrorTarget[];
  status: QueueStatus;
  /** omitted: risk labels are left as they are */
  risk?: Risk;
  labels?: LabelsConfig;
}

/** The labels to put on and take off one target (names, as the vocabulary spells them). */
export interface LabelChange {
  target: LabelMirrorTarget;
  add: string[];
  remove: string[];
}

const lower = (name: string) => name.toLowerCase();

/**
 * What mirroring `status` (and `risk`) changes on each target: its state label (and risk label)
 * on, the other state labels (and risk labels) off, anything else left alone. Targets whose known
 * labels are already right are left out.
 */
export function planLabelChanges(mirror: StateLabelMirror): LabelChange[] {
  const labels = mirror.labels ?? defaultLabelNames;
  const { risk } = mirror;
  const wanted = [stateLabelFor(mirror.status, labels), ...(risk === undefined ? [] : [riskLabelFor(risk, labels)])];
  const wantedLower = new Set(wanted.map(lower));
  const others = [...allStateLabels(labels), ...(risk === undefined ? [] : allRiskLabels(labels))].filter(
    (name) => !wantedLower.has(lower(name)),
  );
  const changes: LabelChange[] = [];
  for (const target of mirror.targets) {
    if (target.currentLabels === undefined) {
      changes.push({ target, add: wanted, remove: others });
      continue;
    }
    const current = new Set(target.currentLabels.map((label) => lower(typeof label === "string" ? label : label.name)));
    const add = wanted.filter((name) => !current.has(lower(name)));
    const remove = others.filter((name) => current.has(lower(name)));
    if (add.length > 0 || remove.length > 0) changes.push({ target, add, remove });
  }
  return changes;
}

/** One aliased mutation of the document: labels on (`a<i>`) or off (`r<i>`) one labelable. */
export interface LabelOperation {
  alias: string;
  change: "add" | "remove";
  /** the target's index in the plan */
  index: number;
  labelableId: string;
  labelIds: string[];
}

/**
 * The operations for resolved changes: per target, its additions first, then its removals (so
 * the item never shows no state while the request runs; a label is never in both).
 */
export function labelOperations(
  changes: ReadonlyArray<{ labelableId: string; addIds: string[]; removeIds: string[] }>,
): LabelOperation[] {
  return changes.flatMap(({ labelableId, addIds, removeIds }, index) => [
    ...(addIds.length > 0
      ? [{ alias: `a${index}`, change: "add" as const, index, labelableId, labelIds: addIds }]
      : []),
    ...(removeIds.length > 0
      ? [{ alias: `r${index}`, change: "remove" as const, index, labelableId, labelIds: removeIds }]
      : []),
  ]);
}

/**
 * Mutations sent ahead of the label operations in the same document (a closing comment and the
 * close of the issue whose labels change): their aliases must not start with `a` or `r` and a
 * digit, their variables' names neither.
 */
export interface LeadMutations {
  declarations: readonly string[];
  fields: readonly string[];
  variables: Readonly<Record<string, unknown>>;
  aliases: readonly string[];
  /** aliases whose refusal is not an error (a branch deleted already) */
  tolerated?: readonly string[];
  /** told the request's data (null where a field failed) and its field errors, once answered */
  onAnswer?: (data: Record<string, unknown> | undefined, failed: readonly AliasError[]) => void;
}

/**
 * One GraphQL document for every operation, so a state change on an issue and its PR is one
 * request: `a0: addLabelsToLabelable(...)`, `r0: removeLabelsFromLabelable(...)`, ... GitHub runs
 * a mutation's root fields one after another, in document order, and answers each alias on its
 * own (a field error on one leaves the others' data).
 */
export function labelMutationDocument(
  operations: readonly LabelOperation[],
  lead?: LeadMutations,
): {
  query: string;
  variables: Record<string, unknown>;
} {
  const declarations: string[] = [...(lead?.declarations ?? [])];
  const fields: string[] = [...(lead?.fields ?? [])];
  const variables: Record<string, unknown> = { ...lead?.variables };
  for (const { alias, change, labelableId, labelIds } of operations) {
    declarations.push(`$${alias}Id: ID!`, `$${alias}Labels: [ID!]!`);
    variables[`${alias}Id`] = labelableId;
    variables[`${alias}Labels`] = labelIds;
    const mutation = change === "add" ? "addLabelsToLabelable" : "removeLabelsFromLabelable";
    fields.push(
      `${alias}: ${mutation}(input: { labelableId: $${alias}Id, labelIds: $${alias}Labels }) { clientMutationId }`,
    );
  }
  return { query: `mutation (${declarations.join(", ")}) {\n  ${fields.join("\n  ")}\n}`, variables };
}

/** A field error GitHub answered for one alias. */
export interface AliasError {
  alias: string;
  type?: string;
  message: string;
}

/**
 * The field errors of a GraphQL answer Octokit threw (its `GraphqlResponseError` carries `errors`,
 * each with GitHub's `type` and the `path` of the failed alias), by alias. Undefined when the
 * error is not such an answer, or when an error names no alias (the request failed as a whole).
 */
export function aliasErrors(error: unknown): AliasError[] | undefined {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const found: AliasError[] = [];
  for (const entry of errors as { type?: unknown; message?: unknown; path?: unknown }[]) {
    const alias = Array.isArray(entry.path) ? entry.path[0] : undefined;
    if (typeof alias !== "string") return undefined;
    found.push({
      alias,
      ...(typeof entry.type === "string" ? { type: entry.type } : {}),
      message: typeof entry.message === "string" ? entry.message : "",
    });
  }
  return found;
}

/**
 * Several callers' lead mutations as one, in the order given (a commit's first, say, then the
 * dashboard's edit): each is told the request's answer. Undefined when none is given.
 */
export function joinMutations(...leads: ReadonlyArray<LeadMutations | undefined>): LeadMutations | undefined {
  const given = leads.filter((lead): lead is LeadMutations => lead !== undefined);
  if (given.length <= 1) return given[0];
  return {
    declarations: given.flatMap((lead) => lead.declarations),
    fields: given.flatMap((lead) => lead.fields),
    variables: Object.assign({}, ...given.map((lead) => lead.variables)),
    aliases: given.flatMap((lead) => lead.aliases),
    tolerated: given.flatMap((lead) => lead.tolerated ?? []),
    onAnswer: (data, failed) => {
      for (const lead of given) lead.onAnswer?.(data, failed);
    },
  };
}

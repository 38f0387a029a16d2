import type { GithubClient, RepoRef } from "./client.js";
import {
  aliasErrors,
  type AliasError,
  type LabelChange,
  labelMutationDocument,
  labelOperations,
  type LabelOperation,
  type LeadMutations,
  planLabelChanges,
  type StateLabelMirror,
} from "./label-mirror.js";
import { defaultLabelNames } from "./label-vocabulary.js";
import { ensureLabels, KnownLabels, syncStateLabels } from "./labels.js";

/** What one target's labels became: the names added and removed (asked off, when its labels were not known). */
export interface MirroredLabels {
  number: number;
  added: string[];
  removed: string[];
}

/**
 * Mirrors a task's state on its issue and its pull request in one GraphQL request
 * (`addLabelsToLabelable` and `removeLabelsFromLabelable`, aliased per item), addressed by the
 * node ids of the labels (the instance's label vocabulary, listed or created once) and of the
 * items (known from a REST answer or a payload, else read once). No labels are listed first:
 * the other state labels are asked off whether or not the item carries them.
 *
 * GitHub's GraphQL reference documents the inputs (`labelableId`, `labelIds`) and the payload
 * (`labelable`) but not the answer to removing a label the item does not carry. So the mirror is
 * right either way: any field error on a removal alias (data for the rest) falls back, for that
 * item only, to REST: its labels read and the managed ones it does carry removed by name (404
 * for one a person removed meanwhile is fine). That also covers a removal whose label id went
 * stale. A label a person added meanwhile is never in the removal set unless it is another
 * state's label, and the new state's label is never removed, so a concurrent change cannot cost
 * the item its new state label.
 *
 * A label deleted and recreated by a person has a new node id: GitHub answers NOT_FOUND ("Could
 * not resolve to a node with the global id of ...") on the alias. For an addition, the
 * vocabulary (and the item's id) is then looked up again and the failed additions sent once
 * more; a second NOT_FOUND falls back to REST, which addresses labels by name. Any other refusal
 * of an addition (no permission) throws, as the REST call would have.
 *
 * `lead` mutations go first in the first request (see `finishIssue`); a field error on any of
 * them throws that answer's error once the labels are done, as the REST call would have thrown.
 */
export async function mirrorStateLabels(
  octokit: GithubClient,
  ref: RepoRef,
  mirror: StateLabelMirror,
  known: KnownLabels = new KnownLabels(),
  lead?: LeadMutations,
): Promise<MirroredLabels[]> {
  const changes = planLabelChanges(mirror);
  if (changes.length === 0) {
    if (lead !== undefined) {
      const { error, failed } = await send(octokit, [], lead);
      if (failed.some((failure) => !lead.tolerated?.includes(failure.alias))) throw error;
    }
    return [];
  }
  const results = new Map(
    changes.map((change) => [
      change.target.number,
      { number: change.target.number, added: change.add, removed: change.remove },
    ]),
  );
  const fallback = new Set<number>();

  let pending = await resolveOperations(octokit, ref, mirror, changes, known);
  let leadError: unknown;
  for (let attempt = 0; pending.length > 0 || (attempt === 0 && lead !== undefined); attempt += 1) {
    const { error, failed } = await send(octokit, pending, attempt === 0 ? lead : undefined);
    const byAlias = new Map(pending.map((operation) => [operation.alias, operation]));
    const retry: LabelOperation[] = [];
    for (const { alias, type } of failed) {
      if (attempt === 0 && lead?.aliases.includes(alias)) {
        if (!lead.tolerated?.includes(alias)) leadError = error;
        continue;
      }
      const operation = byAlias.get(alias);
      if (operation === undefined) throw error;
      const change = changes[operation.index] as LabelChange;
      if (type === "NOT_FOUND") known.forget(octokit, ref); // the next look at the labels is a fresh one
      if (operation.change === "remove") fallback.add(change.target.number);
      else if (type === "NOT_FOUND" && attempt === 0) retry.push(operation);
      else if (type === "NOT_FOUND") fallback.add(change.target.number);
      else throw error;
    }
    if (retry.length === 0) break;
    // a label or an item that no longer resolves: look again (once), and send only what failed
    for (const operation of retry) {
      const { target } = changes[operation.index] as LabelChange;
      known.forgetLabelable(octokit, ref, target.kind, target.number);
    }
    const again = await resolveOperations(
      octokit,
      ref,
      mirror,
      changes.map(({ target: { nodeId: _stale, ...target }, ...change }, index) => ({
        target,
        // only additions are retried (a refused removal went to REST above)
        add: retry.some((operation) => operation.index === index) ? change.add : [],
        remove: [],
      })),
      known,
    );
    pending = again;
  }

  for (const number of fallback) {
    const target = changes.find((change) => change.target.number === number)?.target;
    if (target === undefined) continue;
    const { owner, repo } = ref;
    const { data } = await octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: number, per_page: 100 });
    const synced = await syncStateLabels(octokit, {
      owner,
      repo,
      issueNumber: number,
      status: mirror.status,
      ...(mirror.risk === undefined ? {} : { risk: mirror.risk }),
      currentLabels: data.map((label) => label.name),
      labels: mirror.labels ?? defaultLabelNames,
      known,
    });
    const result = results.get(number);
    if (result) {
      // what this item ended with: added by the mutation or by REST, removed by REST
      result.added = [...new Set([...result.added, ...synced.added])];
      result.removed = synced.removed;
    }
  }
  if (leadError !== undefined) throw leadError;
  return [...results.values()];
}

/** Sends the document; the aliases GitHub answered with a field error (none when all went through). */
async function send(
  octokit: GithubClient,
  operations: readonly LabelOperation[],
  lead?: LeadMutations,
): Promise<{ error?: unknown; failed: AliasError[] }> {
  const { query, variables } = labelMutationDocument(operations, lead);
  try {
    const data = await octokit.graphql<Record<string, unknown>>(query, variables);
    lead?.onAnswer?.(data, []);
    return { failed: [] };
  } catch (error) {
    const failed = aliasErrors(error);
    if (failed === undefined) throw error;
    lead?.onAnswer?.((error as { data?: Record<string, unknown> }).data, failed);
    return { error, failed };
  }
}

/**
 * The changes as operations on node ids: the labels to add are created when missing (with the
 * vocabulary's color and description) and their ids learned; a label to remove that the
 * repository does not have cannot be on the item and is left out. An item's id comes from the
 * target, the instance's memory, or one REST read.
 */
async function resolveOperations(
  octokit: GithubClient,
  ref: RepoRef,
  mirror: StateLabelMirror,
  changes: readonly LabelChange[],
  known: KnownLabels,
): Promise<LabelOperation[]> {
  const labels = mirror.labels ?? defaultLabelNames;
  const adding = [...new Set(changes.flatMap((change) => change.add))];
  if (adding.length > 0) await ensureLabels(octokit, ref, adding, labels, known);
  let vocabulary = await known.of(octokit, ref);
  // a label the item is known to carry but the vocabulary lacks: someone created it since the look
  const unseen = changes.some((change) =>
    change.remove.some(
      (name) =>
        !vocabulary.has(name.toLowerCase()) &&
        (change.target.currentLabels ?? []).some(
          (label) => (typeof label === "string" ? label : label.name).toLowerCase() === name.toLowerCase(),
        ),
    ),
  );
  if (unseen) {
    known.forget(octokit, ref);
    vocabulary = await known.of(octokit, ref);
  }
  const idOf = async (name: string): Promise<string | undefined> => {
    const lower = name.toLowerCase();
    if (!vocabulary.has(lower)) return undefined;
    const id = vocabulary.get(lower);
    if (id !== undefined) return id;
    // created by another writer while this instance created it: its id is read once
    const { data } = await octokit.rest.issues.getLabel({ ...ref, name });
    vocabulary.set(lower, data.node_id);
    return data.node_id;
  };
  const resolved: { labelableId: string; addIds: string[]; removeIds: string[] }[] = [];
  for (const change of changes) {
    const addIds = (await Promise.all(change.add.map(idOf))).filter((id) => id !== undefined);
    const removeIds = (await Promise.all(change.remove.map(idOf))).filter((id) => id !== undefined);
    const labelableId =
      addIds.length === 0 && removeIds.length === 0 ? "" : await labelableIdOf(octokit, ref, change.target, known);
    resolved.push({ labelableId, addIds, removeIds });
  }
  return labelOperations(resolved);
}

export async function labelableIdOf(
  octokit: GithubClient,
  ref: RepoRef,
  target: LabelChange["target"],
  known: KnownLabels,
): Promise<string> {
  const id =
    target.nodeId ??
    known.labelableId(octokit, ref, target.kind, target.number) ??
    (target.kind === "pull"
      ? (await octokit.rest.pulls.get({ ...ref, pull_number: target.number })).data.node_id
      : (await octokit.rest.issues.get({ ...ref, issue_number: target.number })).data.node_id);
  known.rememberLabelable(octokit, ref, target.kind, target.number, id);
  return id;
}

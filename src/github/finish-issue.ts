import type { GithubClient, RepoRef } from "./client.js";
import { aliasErrors, type LeadMutations, type StateLabelMirror } from "./label-mirror.js";
import type { KnownLabels } from "./labels.js";
import { labelableIdOf, type MirroredLabels, mirrorStateLabels } from "./mirror-state-labels.js";

/** An issue to open: its title and body. */
export interface NewIssue {
  title: string;
  body: string;
}

/** An opened issue: its number and node id. */
export interface OpenedIssue {
  number: number;
  node_id: string;
}

/**
 * Opens `issues` in one GraphQL request (`createIssue`, aliased `i0`, `i1`... in order) in the
 * repository with node id `repositoryId`. GitHub runs the aliases one after another and answers
 * each on its own, so a refused one leaves the others opened: each refused one is opened once
 * more through REST (`POST /issues`), whose refusal throws as it always did. None is opened twice:
 * an alias that answered data is never sent again. Resolves with the opened issues in input order.
 * `lead` mutations go first in the request (a commit's, `CommitWithCasOptions.carry`): their
 * answers, refusals included, are theirs to read (`onAnswer`).
 */
export async function createIssues(
  octokit: GithubClient,
  ref: RepoRef,
  repositoryId: string,
  issues: readonly NewIssue[],
  remember: (issue: OpenedIssue) => void = () => undefined,
  lead?: LeadMutations,
): Promise<OpenedIssue[]> {
  if (issues.length === 0) return [];
  const declarations = [...(lead?.declarations ?? []), "$repositoryId: ID!"];
  const fields: string[] = [...(lead?.fields ?? [])];
  const variables: Record<string, unknown> = { ...lead?.variables, repositoryId };
  issues.forEach(({ title, body }, index) => {
    declarations.push(`$i${index}Title: String!`, `$i${index}Body: String`);
    variables[`i${index}Title`] = title;
    variables[`i${index}Body`] = body;
    fields.push(
      `i${index}: createIssue(input: { repositoryId: $repositoryId, title: $i${index}Title, body: $i${index}Body }) { issue { id number } }`,
    );
  });
  const query = `mutation (${declarations.join(", ")}) {\n  ${fields.join("\n  ")}\n}`;
  let data: Record<string, { issue: { id: string; number: number } | null } | null>;
  try {
    data = await octokit.graphql(query, variables);
    lead?.onAnswer?.(data, []);
  } catch (error) {
    // field errors on some aliases: the others' data is on the error (Octokit's GraphqlResponseError)
    const failed = aliasErrors(error);
    if (failed === undefined) throw error;
    data = ((error as { data?: unknown }).data ?? {}) as typeof data;
    lead?.onAnswer?.(data, failed);
  }
  const opened: OpenedIssue[] = [];
  for (const [index, issue] of issues.entries()) {
    const answered = data[`i${index}`]?.issue;
    const item =
      answered == null
        ? (await octokit.rest.issues.create({ ...ref, ...issue })).data
        : { number: answered.number, node_id: answered.id };
    remember(item);
    opened.push({ number: item.number, node_id: item.node_id });
  }
  return opened;
}

/** What finishing a task's issue does: the closing comment, the close (completed) and its state labels. */
export interface FinishIssue {
  number: number;
  /** the closing comment's body */
  comment: string;
  /** the labels the closed issue carries: its targets must be this issue alone */
  mirror: StateLabelMirror;
  /** the node id of a branch ref to delete in the same request (a refusal is ignored: deleted already) */
  deleteRefId?: string;
}

/**
 * Comments on an issue, closes it as completed and mirrors its state labels in one GraphQL
 * request, in that order: `addComment` (`subjectId`, `body`), `closeIssue` (`issueId`,
 * `stateReason: COMPLETED`), `deleteRef` (the task branch, when asked), then the label mutations of `mirrorStateLabels` (whose refusals fall
 * back as they always do). The issue's node id is the instance's memory or one REST read. A
 * refused comment or close throws GitHub's answer once the labels are done, as the REST calls
 * threw. `carried`: another mutation sent first in the request (a commit's,
 * `CommitWithCasOptions.carry`), told the answer; the caller finishes a task once (see `commitAfterMerge`'s claim), so a redelivery never
 * comments twice.
 */
export async function finishIssue(
  octokit: GithubClient,
  ref: RepoRef,
  finish: FinishIssue,
  known: KnownLabels,
  carried?: LeadMutations,
): Promise<MirroredLabels[]> {
  const { number } = finish;
  if (finish.mirror.targets.some((target) => target.kind !== "issue" || target.number !== number))
    throw new Error(`finishIssue: the labels mirrored must be those of issue #${number} alone`);
  const issueId = await labelableIdOf(octokit, ref, { number, kind: "issue" }, known);
  const refId = finish.deleteRefId;
  return mirrorStateLabels(
    octokit,
    ref,
    { ...finish.mirror, targets: finish.mirror.targets.map((target) => ({ ...target, nodeId: issueId })) },
    known,
    {
      declarations: [
        ...(carried?.declarations ?? []),
        "$issueId: ID!",
        "$comment: String!",
        ...(refId === undefined ? [] : ["$refId: ID!"]),
      ],
      fields: [
        ...(carried?.fields ?? []),
        "comment: addComment(input: { subjectId: $issueId, body: $comment }) { clientMutationId }",
        "close: closeIssue(input: { issueId: $issueId, stateReason: COMPLETED }) { clientMutationId }",
        ...(refId === undefined ? [] : ["branch: deleteRef(input: { refId: $refId }) { clientMutationId }"]),
      ],
      variables: {
        ...carried?.variables,
        issueId,
        comment: finish.comment,
        ...(refId === undefined ? {} : { refId }),
      },
      aliases: [...(carried?.aliases ?? []), "comment", "close", "branch"],
      tolerated: [...(carried?.tolerated ?? []), "branch"],
      ...(carried?.onAnswer === undefined ? {} : { onAnswer: carried.onAnswer }),
    },
  );
}

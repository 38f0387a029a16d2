import type { GateResult } from "../core/gate-result.js";
import { capSummary, detailsText, redactOutput } from "./check-run-output.js";
import type { GithubClient } from "./client.js";
import { aliasErrors, type LeadMutations } from "./label-mirror.js";
import { type StickyComment, type UpsertStickyCommentResult, withMarker } from "./sticky-comment.js";

/** The review's sticky comment and its check run, written together (see `publishReview`). */
export interface PublishReviewOptions {
  /** the repository's node id */
  repositoryId: string;
  /** the pull request's node id (the new comment's subject) */
  pullNodeId: string;
  /** the sticky comment's thread, key and body; `known` is the comment as just found (null: there is none) */
  sticky: { issueNumber: number; key: string; body: string; known: StickyComment | null };
  headSha: string;
  /** the run's `external_id`: what the review was made for (only the app can change it) */
  externalId?: string;
  /** a completed run's result; the review's carries no annotations */
  check: GateResult;
  /**
   * Another mutation sent after the two in the same request (the dashboard's edit): told the
   * answer; a refusal of one of its `tolerated` aliases is its own to handle, never this call's error.
   */
  carried?: LeadMutations;
}

export interface PublishedReview {
  comment: UpsertStickyCommentResult;
  /** the check run's node id */
  checkRunId: string;
}

/** One of the two writes GitHub answered with an error; the other's outcome is said beside it. */
export class ReviewPublishError extends Error {
  constructor(
    message: string,
    /** which writes GitHub refused: the comment (`sticky`), the check run (`check`) or both */
    readonly failed: ReadonlyArray<"sticky" | "check">,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = "ReviewPublishError";
  }
}

type Answer = {
  sticky?: {
    commentEdge?: { node: { id: string; databaseId: number; url: string } | null } | null;
    issueComment?: { id: string; databaseId: number; url: string } | null;
  } | null;
  check?: { checkRun: { id: string } | null } | null;
};

/**
 * The review's sticky comment (created with `addComment`, edited in place with
 * `updateIssueComment`, or left alone when its text is already the one wanted) and its completed
 * `autopilot/review` check run (`createCheckRun`) in one GraphQL request, in that order: GitHub
 * runs a document's mutations one after another and answers each on its own.
 *
 * When GitHub refuses one of them (a field error on its alias), this throws a `ReviewPublishError`
 * naming it, after the other took effect; the caller's job fails and its retry finds the comment
 * as written (so it edits, never duplicates it) and runs the review again unless the head has the
 * app's review check run (see `reviewPull`), so neither a lost comment nor a lost check run stands.
 * `carried` mutations go last in the request and are told its answer.
 */
export async function publishReview(octokit: GithubClient, options: PublishReviewOptions): Promise<PublishedReview> {
  const { sticky, check } = options;
  const wanted = withMarker(sticky.key, sticky.body);
  const known = sticky.known;
  const declarations = ["$check: CreateCheckRunInput!"];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  if (known === null) {
    declarations.push("$comment: AddCommentInput!");
    fields.push("sticky: addComment(input: $comment) { commentEdge { node { id databaseId url } } }");
    variables.comment = { subjectId: options.pullNodeId, body: wanted };
  } else if (known.body !== wanted) {
    if (known.nodeId === undefined) throw new Error("publishReview: the sticky comment's node id is not known");
    declarations.push("$comment: UpdateIssueCommentInput!");
    fields.push("sticky: updateIssueComment(input: $comment) { issueComment { id databaseId url } }");
    variables.comment = { id: known.nodeId, body: wanted };
  }
  fields.push("check: createCheckRun(input: $check) { checkRun { id } }");
  const completedAt = new Date().toISOString();
  const text = detailsText(check.text);
  variables.check = {
    repositoryId: options.repositoryId,
    headSha: options.headSha,
    name: check.name,
    ...(options.externalId === undefined ? {} : { externalId: options.externalId }),
    status: "COMPLETED",
    conclusion: check.conclusion.toUpperCase(),
    startedAt: completedAt,
    completedAt,
    output: {
      title: redactOutput(check.title),
      summary: capSummary(check.summary),
      ...(text === undefined ? {} : { text }),
    },
  };
  const { carried } = options;
  if (carried !== undefined) {
    declarations.push(...carried.declarations);
    fields.push(...carried.fields);
    Object.assign(variables, carried.variables);
  }
  const query = `mutation (${declarations.join(", ")}) {\n  ${fields.join("\n  ")}\n}`;
  let data: Answer;
  let refused: unknown;
  try {
    data = await octokit.graphql<Answer>(query, variables);
    carried?.onAnswer?.(data as Record<string, unknown>, []);
  } catch (error) {
    // field errors on some aliases: the others' data is on the error (Octokit's GraphqlResponseError)
    const failed = aliasErrors(error);
    if (failed === undefined) throw error;
    data = ((error as { data?: unknown }).data ?? {}) as Answer;
    carried?.onAnswer?.(data as Record<string, unknown>, failed);
    // only a refusal of the review's own writes is this call's to report
    if (failed.some((item) => !carried?.tolerated?.includes(item.alias))) refused = error;
  }
  const node = data.sticky?.commentEdge?.node ?? data.sticky?.issueComment ?? undefined;
  const checkRunId = data.check?.checkRun?.id;
  const failed = [
    ...(known?.body !== wanted && node === undefined ? ["sticky" as const] : []),
    ...(checkRunId === undefined ? ["check" as const] : []),
  ];
  if (failed.length > 0 || checkRunId === undefined) {
    const said = (aliasErrors(refused) ?? []).map((item) => `${item.alias}: ${item.type ?? "error"}: ${item.message}`);
    throw new ReviewPublishError(
      `GitHub refused the review's ${failed.join(" and ")} (${said.join("; ") || "answered without it"}); what else the request wrote stands`,
      failed,
      refused,
    );
  }
  if (known === null) {
    return { comment: { id: node!.databaseId, url: node!.url, created: true, updated: false }, checkRunId };
  }
  return { comment: { id: known.id, url: known.url, created: false, updated: node !== undefined }, checkRunId };
}

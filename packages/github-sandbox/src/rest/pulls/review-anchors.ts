import type { ComparedFile } from "../../git/index.js";
import type { CommentPlacement } from "../../represent/review-comment.js";
import {
  anchorComment,
  followLine,
  type Anchor,
  type DiffSide,
  type RepoState,
  type ReviewCommentState,
} from "../../state/index.js";
import { pullDiff } from "../../state/pull-analysis.js";
import type { RestContext } from "../rest-context.js";
import type { PullIssue } from "./pull-access.js";

/** One comment of a review as the API takes it (`comments[]` of a review, or the single-comment body). */
export interface CommentInput {
  path?: string;
  body?: string;
  line?: number;
  side?: DiffSide;
  start_line?: number;
  start_side?: DiffSide;
  position?: number;
}

/** The pull request's files at `commitId` (its head by default), from the merge base with the base branch. */
async function filesAt(repo: RepoState, issue: PullIssue, commitId: string): Promise<ComparedFile[] | undefined> {
  if (commitId === issue.pull.head.sha) return (await pullDiff(repo, issue))?.files;
  const base = (await repo.git.getRef(`refs/heads/${issue.pull.base.ref}`)) ?? issue.pull.base.sha;
  try {
    return (await repo.git.compare(base, commitId)).files;
  } catch {
    return undefined;
  }
}

/** The file's patch as GitHub shows it in the pull request's files (none when too large or past the answer's cap). */
function shownPatch(
  ctx: RestContext,
  files: readonly ComparedFile[],
  path: string,
): { found: boolean; patch?: string } {
  const shown = ctx.state.diffLimiter();
  for (const file of files) {
    const limited = shown(file);
    if (file.filename === path)
      return limited.patch === undefined ? { found: true } : { found: true, patch: limited.patch };
  }
  return { found: false };
}

const pathInvalid = "Pull request review thread path is invalid";
const hunkBlank = "Pull request review thread diff hunk can't be blank";

/**
 * Anchors `input` in the pull request's diff at `commitId` as GitHub does: a path the pull request
 * does not change is "path is invalid"; a file GitHub shows no patch for takes no line comment.
 */
export async function anchorInPull(
  ctx: RestContext,
  repo: RepoState,
  issue: PullIssue,
  commitId: string,
  input: CommentInput,
): Promise<Anchor> {
  const files = (await filesAt(repo, issue, commitId)) ?? [];
  const { found, patch } = shownPatch(ctx, files, input.path ?? "");
  if (!found) return { ok: false, problems: [pathInvalid, hunkBlank] };
  return anchorComment(patch, {
    ...(input.line === undefined ? {} : { line: input.line }),
    ...(input.side === undefined ? {} : { side: input.side }),
    ...(input.start_line === undefined ? {} : { startLine: input.start_line }),
    ...(input.start_side === undefined ? {} : { startSide: input.start_side }),
    ...(input.position === undefined ? {} : { position: input.position }),
  });
}

/**
 * Where a comment is at the pull request's head now. A comment on the new side follows its line
 * through the commits pushed since it was made; once one of them changed the line (or the start
 * line), or the line is no longer in the diff, it is outdated: GitHub's `line` and `position` null.
 */
export async function placeComment(
  ctx: RestContext,
  repo: RepoState,
  issue: PullIssue,
  comment: ReviewCommentState,
): Promise<CommentPlacement> {
  const outdated: CommentPlacement = {
    line: null,
    startLine: null,
    position: null,
    commitId: comment.originalCommitId,
  };
  const head = issue.pull.head.sha;
  if (head === comment.originalCommitId) {
    return {
      line: comment.originalLine,
      startLine: comment.originalStartLine,
      position: comment.originalPosition,
      commitId: head,
    };
  }
  let line: number | undefined = comment.originalLine;
  let startLine: number | undefined = comment.originalStartLine ?? undefined;
  if (comment.side === "RIGHT") {
    let since: ComparedFile[];
    try {
      since = (await repo.git.compare(comment.originalCommitId, head)).files;
    } catch {
      return outdated;
    }
    const change = since.find((file) => file.filename === comment.path || file.previous_filename === comment.path);
    if (change && (change.filename !== comment.path || change.patch === undefined)) return outdated;
    line = followLine(change?.patch, comment.originalLine);
    if (startLine !== undefined) startLine = followLine(change?.patch, startLine);
    if (line === undefined || (comment.originalStartLine !== null && startLine === undefined)) return outdated;
  }
  const anchor = await anchorInPull(ctx, repo, issue, head, {
    path: comment.path,
    line,
    side: comment.side,
    ...(startLine === undefined ? {} : { start_line: startLine, start_side: comment.startSide ?? comment.side }),
  });
  if (!anchor.ok) return outdated;
  return { line: anchor.line, startLine: anchor.startLine, position: anchor.position, commitId: head };
}

import type { CommitInfo } from "../git/index.js";
import type {
  CheckRunState,
  DequeueReason,
  MergeGroupState,
  CheckSuiteState,
  CommentState,
  CommitStatusState,
  DismissedReviewState,
  IssueState,
  LabelState,
  RepoState,
  ReviewCommentState,
  ReviewState,
  SandboxUser,
  WorkflowRunState,
} from "../state/index.js";

interface InRepo {
  repo: RepoState;
  /** who caused it: the user behind a user token, the app's bot behind an installation token */
  sender: SandboxUser;
}

/** `changes` of an `edited` action: the previous value of each changed field. */
export type Changes = Record<string, { from: unknown }>;

/**
 * A change to the sandbox's state that GitHub would announce with a webhook. Handlers emit these
 * after they changed the state; the publisher snapshots them at once and sends the payloads in
 * emission order.
 */
export type SandboxEvent =
  | (InRepo & {
      name: "issues";
      action:
        | "opened"
        | "edited"
        | "closed"
        | "reopened"
        | "labeled"
        | "unlabeled"
        | "assigned"
        | "unassigned"
        | "transferred"
        | "deleted";
      /** for `transferred` and `deleted`: the issue as it was in `repo` */
      issue: IssueState;
      label?: LabelState;
      assignee?: SandboxUser;
      changes?: Changes;
      /**
       * for `transferred`: where the issue is now (the repository by name, since events are
       * snapshotted and a repository holds git), for the payload's `changes.new_issue`/`new_repository`
       */
      transfer?: { owner: string; name: string; issue: IssueState };
    })
  | (InRepo & {
      name: "issue_comment";
      action: "created" | "edited" | "deleted";
      /** an issue or a pull request (the payload's issue then has a `pull_request` field) */
      issue: IssueState;
      comment: CommentState;
      changes?: Changes;
    })
  | (InRepo & {
      name: "pull_request";
      action:
        | "opened"
        | "edited"
        | "closed"
        | "reopened"
        | "synchronize"
        | "ready_for_review"
        | "converted_to_draft"
        | "labeled"
        | "unlabeled"
        | "enqueued"
        | "dequeued";
      pull: IssueState;
      /** for `dequeued`: why the merge queue let go of it */
      reason?: DequeueReason;
      label?: LabelState;
      /** for `synchronize`: the head before and after the push */
      before?: string;
      after?: string;
      changes?: Changes;
    })
  | (InRepo & {
      name: "pull_request_review";
      action: "submitted" | "edited" | "dismissed";
      pull: IssueState;
      review: ReviewState;
      /** for `dismissed`: the state before, the message and the head, which the issue's events record */
      dismissal?: DismissedReviewState;
    })
  | (InRepo & {
      name: "pull_request_review_comment";
      action: "created" | "edited" | "deleted";
      pull: IssueState;
      comment: ReviewCommentState;
      /** where the comment is at the head when the event happens (GitHub's `line`, `position`) */
      placement: { line: number | null; startLine: number | null; position: number | null; commitId: string };
      changes?: Changes;
    })
  | (InRepo & {
      name: "pull_request_review_thread";
      action: "resolved" | "unresolved";
      pull: IssueState;
      /** the thread's comments, each with where it is at the head when the event happens */
      thread: { nodeId: string; comments: { comment: ReviewCommentState; placement: CommentPlacementSnapshot }[] };
    })
  | (InRepo & {
      name: "push";
      /** `refs/heads/main` */
      ref: string;
      /** 40 zeros when the ref was created */
      before: string;
      /** 40 zeros when the ref was deleted */
      after: string;
      forced: boolean;
      /** before..after, oldest first (empty for a deletion) */
      commits: CommitInfo[];
    })
  | (InRepo & { name: "check_suite"; action: "requested" | "rerequested" | "completed"; suite: CheckSuiteState })
  | (InRepo & {
      name: "check_run";
      action: "created" | "completed" | "rerequested" | "requested_action";
      run: CheckRunState;
      requestedAction?: { identifier: string };
    })
  | (InRepo & { name: "status"; status: CommitStatusState })
  | (InRepo & {
      name: "merge_group";
      action: "checks_requested" | "destroyed";
      group: MergeGroupState;
      /** for `destroyed` */
      reason?: "merged" | "invalidated" | "dequeued";
    })
  | (InRepo & { name: "repository"; action: "archived" | "unarchived" })
  | (InRepo & { name: "workflow_run"; action: "requested" | "in_progress" | "completed"; run: WorkflowRunState })
  | { name: "installation"; action: "created" | "deleted"; sender: SandboxUser; repos: RepoState[] }
  /** the installation's JSON is read when the event is emitted: suspended (or not) as it is then */
  | { name: "installation"; action: "suspend" | "unsuspend"; sender: SandboxUser };

/** Where handlers put events; the publisher behind it builds, signs and sends the webhooks. */
export interface EventSink {
  emit(event: SandboxEvent): void;
}

/** Where a review comment is at the head (GitHub's `line`, `start_line`, `position`, `commit_id`). */
type CommentPlacementSnapshot = {
  line: number | null;
  startLine: number | null;
  position: number | null;
  commitId: string;
};

export const zeroSha = "0000000000000000000000000000000000000000";

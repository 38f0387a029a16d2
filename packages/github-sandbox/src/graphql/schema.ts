import { buildSchema } from "graphql";
import { checksSdl } from "./checks-sdl.js";
import { commentsSdl } from "./comments-sdl.js";
import { issueEditsSdl } from "./issue-edits.js";
import { issueSdl } from "./issue-mutations.js";
import { issueMoveSdl } from "./issue-move-mutations.js";
import { commitSdl } from "./commit-mutations.js";
import { createSdl } from "./create-mutations.js";
import { labelSdl } from "./label-mutations.js";
import { mergeQueueSdl } from "./merge-queue-mutations.js";
import { pullRequestCommitsSdl } from "./pull-request-commits.js";
import { repositorySdl } from "./repository-sdl.js";
import { reviewThreadSdl } from "./review-thread-sdl.js";

/** Appended to what the sandbox refuses, so a caller knows why GitHub would have answered. */
export const sandboxScope =
  "The sandbox's GraphQL API implements only the query repository(owner, name) { id object(expression|oid) pullRequest(number) issue(number) }, node(id) for comments and reviews, and the mutations enqueuePullRequest, dequeuePullRequest, markPullRequestReadyForReview, convertPullRequestToDraft, revertPullRequest, createCheckRun, updateCheckRun, minimizeComment, unminimizeComment, createCommitOnBranch, createRef, createPullRequest, addLabelsToLabelable, removeLabelsFromLabelable, deleteRef, createIssue, addComment, updateIssueComment, closeIssue, updateIssue (id, title, body, state), transferIssue, deleteIssue, resolveReviewThread and unresolveReviewThread, PullRequest.reviewThreads and commits, and Issue.lastEditedAt, editor, includesCreatedEdit and userContentEdits";

const pullsSdl = /* GraphQL */ `
  input MarkPullRequestReadyForReviewInput {
    clientMutationId: String
    pullRequestId: ID!
  }

  input ConvertPullRequestToDraftInput {
    clientMutationId: String
    pullRequestId: ID!
  }

  type MarkPullRequestReadyForReviewPayload {
    clientMutationId: String
    pullRequest: PullRequest
  }

  input RevertPullRequestInput {
    clientMutationId: String
    pullRequestId: ID!
    title: String
    body: String
    draft: Boolean = false
  }

  type RevertPullRequestPayload {
    clientMutationId: String
    """The pull request that was reverted."""
    pullRequest: PullRequest
    """The new pull request that reverts the input pull request."""
    revertPullRequest: PullRequest
  }

  type ConvertPullRequestToDraftPayload {
    clientMutationId: String
    pullRequest: PullRequest
  }

  enum PullRequestState {
    OPEN
    CLOSED
    MERGED
  }

  type PullRequest implements Node & Labelable {
    id: ID!
    number: Int!
    isDraft: Boolean!
    title: String!
    state: PullRequestState!
    merged: Boolean!
    headRefName: String!
    """Identifies the oid of the head ref associated with the pull request, even if the ref has been deleted."""
    headRefOid: GitObjectID!
    baseRefName: String!
    url: URI!
    labels(first: Int, after: String): LabelConnection
    """Whether the pull request's base ref has a merge queue enabled."""
    isMergeQueueEnabled: Boolean!
    """This pull request's state in the merge queue."""
    isInMergeQueue: Boolean!
    """The merge queue entry of the pull request in the base branch's merge queue."""
    mergeQueueEntry: MergeQueueEntry
  }
`;

/**
 * The slice of GitHub's GraphQL schema the sandbox answers, typed as GitHub types it: reading a
 * repository's files and a commit's check suites, the draft mutations and the check-run mutations.
 */
export const sandboxSchema = buildSchema(/* GraphQL */ `
  type Query {
    """Lookup a given repository by the owner and repository name."""
    repository(owner: String!, name: String!, followRenames: Boolean = true): Repository
    """Fetches an object given its ID (the sandbox knows comments, reviews and review comments)."""
    node(id: ID!): Node
  }

  type Mutation {
    """Add a pull request to the merge queue (GitHub emits pull_request.enqueued)."""
    enqueuePullRequest(input: EnqueuePullRequestInput!): EnqueuePullRequestPayload
    """Remove a pull request from the merge queue (GitHub emits pull_request.dequeued)."""
    dequeuePullRequest(input: DequeuePullRequestInput!): DequeuePullRequestPayload
    """Marks a pull request ready for review (GitHub emits pull_request.ready_for_review)."""
    markPullRequestReadyForReview(input: MarkPullRequestReadyForReviewInput!): MarkPullRequestReadyForReviewPayload
    """Converts a pull request to a draft (GitHub emits pull_request.converted_to_draft)."""
    convertPullRequestToDraft(input: ConvertPullRequestToDraftInput!): ConvertPullRequestToDraftPayload
    """Creates a pull request that reverts the changes from a merged pull request."""
    revertPullRequest(input: RevertPullRequestInput!): RevertPullRequestPayload
    """Creates a check run (GitHub emits check_run.created, and check_run.completed when created completed)."""
    createCheckRun(input: CreateCheckRunInput!): CreateCheckRunPayload
    """Updates a check run (GitHub emits check_run.completed when it completes)."""
    updateCheckRun(input: UpdateCheckRunInput!): UpdateCheckRunPayload
    """Minimizes (hides) a comment on an Issue, Commit, Pull Request, or Gist."""
    minimizeComment(input: MinimizeCommentInput!): MinimizeCommentPayload
    """Unminimizes a comment on an Issue, Commit, Pull Request, or Gist."""
    unminimizeComment(input: UnminimizeCommentInput!): UnminimizeCommentPayload
    """Appends a commit to the given branch as the authenticated user (signed by GitHub when an app makes it)."""
    createCommitOnBranch(input: CreateCommitOnBranchInput!): CreateCommitOnBranchPayload
    """Adds labels to a labelable object (GitHub emits issues.labeled or pull_request.labeled per label added)."""
    addLabelsToLabelable(input: AddLabelsToLabelableInput!): AddLabelsToLabelablePayload
    """Removes labels from a Labelable object (GitHub emits issues.unlabeled or pull_request.unlabeled per label removed)."""
    removeLabelsFromLabelable(input: RemoveLabelsFromLabelableInput!): RemoveLabelsFromLabelablePayload
    """Create a new Git Ref (GitHub emits create and push)."""
    createRef(input: CreateRefInput!): CreateRefPayload
    """Create a new pull request (GitHub emits pull_request.opened)."""
    createPullRequest(input: CreatePullRequestInput!): CreatePullRequestPayload
    """Delete a Git Ref (GitHub emits delete and push)."""
    deleteRef(input: DeleteRefInput!): DeleteRefPayload
    """Creates a new issue (GitHub emits issues.opened)."""
    createIssue(input: CreateIssueInput!): CreateIssuePayload
    """Adds a comment to an Issue or Pull Request (GitHub emits issue_comment.created)."""
    addComment(input: AddCommentInput!): AddCommentPayload
    """Updates an IssueComment object (GitHub emits issue_comment.edited when the body changes)."""
    updateIssueComment(input: UpdateIssueCommentInput!): UpdateIssueCommentPayload
    """Close an issue (GitHub emits issues.closed)."""
    closeIssue(input: CloseIssueInput!): CloseIssuePayload
    """Updates an Issue (GitHub emits issues.edited with changes, issues.closed or issues.reopened)."""
    updateIssue(input: UpdateIssueInput!): UpdateIssuePayload
    """Transfer an issue to a different repository (GitHub emits issues.transferred, and issues.opened in the target)."""
    transferIssue(input: TransferIssueInput!): TransferIssuePayload
    """Deletes an Issue object (GitHub emits issues.deleted)."""
    deleteIssue(input: DeleteIssueInput!): DeleteIssuePayload
    """Marks a review thread as resolved (GitHub emits pull_request_review_thread.resolved)."""
    resolveReviewThread(input: ResolveReviewThreadInput!): ResolveReviewThreadPayload
    """Marks a review thread as unresolved (GitHub emits pull_request_review_thread.unresolved)."""
    unresolveReviewThread(input: UnresolveReviewThreadInput!): UnresolveReviewThreadPayload
  }

  """An RFC 3986 URI string."""
  scalar URI
  ${pullsSdl}
  ${checksSdl}
  ${commentsSdl}
  ${commitSdl}
  ${createSdl}
  ${labelSdl}
  ${issueSdl}
  ${issueMoveSdl}
  ${issueEditsSdl}
  ${repositorySdl}
  ${mergeQueueSdl}
  ${reviewThreadSdl}
  ${pullRequestCommitsSdl}
`);

/**
 * Review threads as GitHub's public schema names and types them: `PullRequest.reviewThreads`,
 * `PullRequestReviewThread` with its comments, and the `resolveReviewThread` /
 * `unresolveReviewThread` mutations. `Actor`, `User` and `Bot` carry only `login` (and an id).
 */
export const reviewThreadSdl = /* GraphQL */ `
  """Information about pagination in a connection."""
  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  """Represents an object which can take actions on GitHub."""
  interface Actor {
    login: String!
  }

  type User implements Node & Actor {
    id: ID!
    login: String!
  }

  """A special type of user which takes actions on behalf of GitHub Apps (login without [bot])."""
  type Bot implements Node & Actor {
    id: ID!
    login: String!
  }

  enum DiffSide {
    LEFT
    RIGHT
  }

  extend type PullRequestReviewComment {
    """The actor who authored the comment."""
    author: Actor
  }

  type PullRequestReviewCommentEdge {
    cursor: String!
    node: PullRequestReviewComment
  }

  type PullRequestReviewCommentConnection {
    edges: [PullRequestReviewCommentEdge]
    nodes: [PullRequestReviewComment]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  """A threaded list of comments for a given pull request."""
  type PullRequestReviewThread implements Node {
    id: ID!
    comments(first: Int, after: String): PullRequestReviewCommentConnection!
    diffSide: DiffSide!
    """Indicates whether this thread was outdated by newer changes."""
    isOutdated: Boolean!
    isResolved: Boolean!
    """The line in the file to which this thread refers (null once outdated)."""
    line: Int
    originalLine: Int
    startLine: Int
    originalStartLine: Int
    path: String!
    pullRequest: PullRequest!
    """The user who resolved this thread (null while unresolved, or when an app resolved it)."""
    resolvedBy: User
    viewerCanReply: Boolean!
    viewerCanResolve: Boolean!
    viewerCanUnresolve: Boolean!
  }

  type PullRequestReviewThreadEdge {
    cursor: String!
    node: PullRequestReviewThread
  }

  type PullRequestReviewThreadConnection {
    edges: [PullRequestReviewThreadEdge]
    nodes: [PullRequestReviewThread]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  extend type PullRequest {
    """The list of all review threads for this pull request."""
    reviewThreads(first: Int, after: String): PullRequestReviewThreadConnection!
  }

  input ResolveReviewThreadInput {
    clientMutationId: String
    threadId: ID!
  }

  type ResolveReviewThreadPayload {
    clientMutationId: String
    thread: PullRequestReviewThread
  }

  input UnresolveReviewThreadInput {
    clientMutationId: String
    threadId: ID!
  }

  type UnresolveReviewThreadPayload {
    clientMutationId: String
    thread: PullRequestReviewThread
  }
`;

/**
 * Hiding comments, as GitHub's public schema names and types it: `minimizeComment` and
 * `unminimizeComment` on anything `Minimizable` (issue and pull request comments, reviews and
 * review comments), and `node(id)` to read them back.
 */
export const commentsSdl = /* GraphQL */ `
  """The reasons a piece of content can be reported or minimized."""
  enum ReportedContentClassifiers {
    SPAM
    ABUSE
    OFF_TOPIC
    OUTDATED
    DUPLICATE
    RESOLVED
  }

  input MinimizeCommentInput {
    subjectId: ID!
    classifier: ReportedContentClassifiers!
    clientMutationId: String
  }

  input UnminimizeCommentInput {
    subjectId: ID!
    clientMutationId: String
  }

  type MinimizeCommentPayload {
    clientMutationId: String
    minimizedComment: Minimizable
  }

  type UnminimizeCommentPayload {
    clientMutationId: String
    unminimizedComment: Minimizable
  }

  interface Node {
    id: ID!
  }

  """Entities that can be minimized."""
  interface Minimizable {
    isMinimized: Boolean!
    """One of abuse, off-topic, outdated, resolved, duplicate and spam (lower case, unlike the classifier)."""
    minimizedReason: String
    viewerCanMinimize: Boolean!
  }

  enum PullRequestReviewState {
    PENDING
    COMMENTED
    APPROVED
    CHANGES_REQUESTED
    DISMISSED
  }

  type IssueComment implements Node & Minimizable {
    id: ID!
    databaseId: Int
    body: String!
    url: URI!
    isMinimized: Boolean!
    minimizedReason: String
    viewerCanMinimize: Boolean!
  }

  type PullRequestReview implements Node & Minimizable {
    id: ID!
    databaseId: Int
    body: String!
    state: PullRequestReviewState!
    url: URI!
    isMinimized: Boolean!
    minimizedReason: String
    viewerCanMinimize: Boolean!
  }

  type PullRequestReviewComment implements Node & Minimizable {
    id: ID!
    databaseId: Int
    body: String!
    path: String!
    url: URI!
    isMinimized: Boolean!
    minimizedReason: String
    viewerCanMinimize: Boolean!
  }
`;

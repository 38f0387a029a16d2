import { buildSchema } from "graphql";

/** Appended to what the sandbox refuses, so a caller knows why GitHub would have answered. */
export const sandboxScope =
  "The sandbox's GraphQL API implements only the mutations markPullRequestReadyForReview and convertPullRequestToDraft";

/**
 * The slice of GitHub's GraphQL schema the sandbox answers: the two draft mutations, their
 * inputs and payloads, and the `PullRequest` fields the payloads offer, typed as GitHub types them.
 */
export const draftSchema = buildSchema(/* GraphQL */ `
  """GraphQL requires a query type; the sandbox refuses query operations before they run."""
  type Query {
    """The mutations the sandbox implements."""
    implementedMutations: [String!]!
  }

  type Mutation {
    """Marks a pull request ready for review (GitHub emits pull_request.ready_for_review)."""
    markPullRequestReadyForReview(input: MarkPullRequestReadyForReviewInput!): MarkPullRequestReadyForReviewPayload
    """Converts a pull request to a draft (GitHub emits pull_request.converted_to_draft)."""
    convertPullRequestToDraft(input: ConvertPullRequestToDraftInput!): ConvertPullRequestToDraftPayload
  }

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

  type ConvertPullRequestToDraftPayload {
    clientMutationId: String
    pullRequest: PullRequest
  }

  """An RFC 3986 URI string."""
  scalar URI

  enum PullRequestState {
    OPEN
    CLOSED
    MERGED
  }

  type PullRequest {
    id: ID!
    number: Int!
    isDraft: Boolean!
    title: String!
    state: PullRequestState!
    merged: Boolean!
    headRefName: String!
    baseRefName: String!
    url: URI!
  }
`);

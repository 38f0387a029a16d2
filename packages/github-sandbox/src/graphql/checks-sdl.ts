/**
 * GitHub's check-run mutations, their inputs and the `CheckSuite` / `CheckRun` fields the sandbox
 * answers, named and typed as in GitHub's public schema (`CreateCheckRunInput`,
 * `UpdateCheckRunInput`, `CheckRunOutput`, `CheckAnnotationData`, …).
 */
export const checksSdl = /* GraphQL */ `
  """An ISO-8601 encoded UTC date string."""
  scalar DateTime

  """A Git object ID (a sha)."""
  scalar GitObjectID

  enum CheckAnnotationLevel {
    FAILURE
    NOTICE
    WARNING
  }

  enum CheckConclusionState {
    ACTION_REQUIRED
    CANCELLED
    FAILURE
    NEUTRAL
    SKIPPED
    STALE
    STARTUP_FAILURE
    SUCCESS
    TIMED_OUT
  }

  enum CheckStatusState {
    COMPLETED
    IN_PROGRESS
    PENDING
    QUEUED
    REQUESTED
    WAITING
  }

  """The statuses an integration may set (PENDING and WAITING are GitHub Actions' own)."""
  enum RequestableCheckStatusState {
    COMPLETED
    IN_PROGRESS
    PENDING
    QUEUED
    WAITING
  }

  enum CheckRunType {
    ALL
    LATEST
  }

  input CheckAnnotationRange {
    endColumn: Int
    endLine: Int!
    startColumn: Int
    startLine: Int!
  }

  input CheckAnnotationData {
    annotationLevel: CheckAnnotationLevel!
    location: CheckAnnotationRange!
    message: String!
    path: String!
    rawDetails: String
    title: String
  }

  """Descriptive details about the run; annotations are appended to the run's earlier ones."""
  input CheckRunOutput {
    annotations: [CheckAnnotationData!]
    summary: String!
    text: String
    title: String!
  }

  input CheckRunAction {
    description: String!
    identifier: String!
    label: String!
  }

  input CreateCheckRunInput {
    actions: [CheckRunAction!]
    clientMutationId: String
    completedAt: DateTime
    conclusion: CheckConclusionState
    detailsUrl: URI
    externalId: String
    headSha: GitObjectID!
    name: String!
    output: CheckRunOutput
    repositoryId: ID!
    startedAt: DateTime
    status: RequestableCheckStatusState
  }

  input UpdateCheckRunInput {
    actions: [CheckRunAction!]
    checkRunId: ID!
    clientMutationId: String
    completedAt: DateTime
    conclusion: CheckConclusionState
    detailsUrl: URI
    externalId: String
    name: String
    output: CheckRunOutput
    repositoryId: ID!
    startedAt: DateTime
    status: RequestableCheckStatusState
  }

  type CreateCheckRunPayload {
    checkRun: CheckRun
    clientMutationId: String
  }

  type UpdateCheckRunPayload {
    checkRun: CheckRun
    clientMutationId: String
  }

  input CheckRunFilter {
    appId: Int
    checkName: String
    checkType: CheckRunType
    conclusions: [CheckConclusionState!]
    status: CheckStatusState
    statuses: [CheckStatusState!]
  }

  input CheckSuiteFilter {
    appId: Int
    checkName: String
  }

  type CheckRun {
    id: ID!
    databaseId: Int
    name: String!
    status: CheckStatusState!
    conclusion: CheckConclusionState
    title: String
    summary: String
    text: String
    detailsUrl: URI
    externalId: String
    startedAt: DateTime
    completedAt: DateTime
    checkSuite: CheckSuite!
  }

  type CheckRunConnection {
    nodes: [CheckRun]
    totalCount: Int!
  }

  """A GitHub App: here, the one whose check suite (and runs) it is."""
  type App {
    id: ID!
    databaseId: Int
    name: String!
    slug: String!
  }

  type CheckSuite {
    id: ID!
    databaseId: Int
    app: App
    status: CheckStatusState!
    conclusion: CheckConclusionState
    checkRuns(first: Int, filterBy: CheckRunFilter): CheckRunConnection
  }

  type CheckSuiteConnection {
    nodes: [CheckSuite]
    totalCount: Int!
  }
`;

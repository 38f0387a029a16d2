/**
 * The read side the sandbox answers: `repository(owner, name)` and its git objects, by
 * `expression` (`main:path/to/file`, `<sha>:path`, a branch) or by `oid`, with a commit's check
 * suites; as GitHub's public schema names and types them.
 */
export const repositorySdl = /* GraphQL */ `
  type Repository {
    id: ID!
    databaseId: Int
    name: String!
    nameWithOwner: String!
    """Whether or not PRs are merged with a merge commit on this repository."""
    mergeCommitAllowed: Boolean!
    """Whether or not squash-merging is enabled on this repository."""
    squashMergeAllowed: Boolean!
    """Whether or not rebase-merging is enabled on this repository."""
    rebaseMergeAllowed: Boolean!
    """Indicates if the repository is unmaintained."""
    isArchived: Boolean!
    """Identifies the date and time when the repository was archived."""
    archivedAt: DateTime
    object(expression: String, oid: GitObjectID): GitObject
  }

  interface GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }

  type Blob implements GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    """Byte size of the whole blob, however much of it text gives."""
    byteSize: Int!
    """Whether the contents are binary (then text is null)."""
    isBinary: Boolean
    """Whether the contents were cut: true past 512,000 bytes, as on GitHub."""
    isTruncated: Boolean!
    """UTF-8 text of the blob (its first 512,000 bytes when truncated), null when it is binary."""
    text: String
  }

  type Tree implements GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }

  type Commit implements GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    message: String!
    """The HTTP URL of the commit."""
    url: URI!
    checkSuites(first: Int, filterBy: CheckSuiteFilter): CheckSuiteConnection
  }
`;

import { lastBodyEdit, type BodyEditState, type IssueState } from "../state/index.js";
import { connectionOf, type PageArgs } from "./connection.js";
import { actorNode } from "./review-thread-node.js";

/**
 * Who edited an issue's body and when, as GitHub's `Comment` interface gives it on `Issue`:
 * `lastEditedAt` and `editor` (null until the first edit; creation is no edit),
 * `includesCreatedEdit`, and `userContentEdits`, the body's versions newest first (GitHub lists
 * them so: clients take `first: 1` for the last edit and `last: 1` for the created version).
 * Only the body is tracked (see `editBody`): a title change is no edit here, as on GitHub.
 */
export const issueEditsSdl = /* GraphQL */ `
  """An edit on user content"""
  type UserContentEdit implements Node {
    """Identifies the date and time when the object was created."""
    createdAt: DateTime!
    """Identifies the date and time when the object was deleted."""
    deletedAt: DateTime
    """The actor who deleted this content"""
    deletedBy: Actor
    """A summary of the changes for this edit (on GitHub, the whole body as this edit left it)"""
    diff: String
    """When this content was edited"""
    editedAt: DateTime!
    """The actor who edited this content"""
    editor: Actor
    """The Node ID of the UserContentEdit object"""
    id: ID!
    """Identifies the date and time when the object was last updated."""
    updatedAt: DateTime!
  }

  """An edge in a connection."""
  type UserContentEditEdge {
    """A cursor for use in pagination."""
    cursor: String!
    """The item at the end of the edge."""
    node: UserContentEdit
  }

  """A list of edits to content."""
  type UserContentEditConnection {
    """A list of edges."""
    edges: [UserContentEditEdge]
    """A list of nodes."""
    nodes: [UserContentEdit]
    """Information to aid in pagination."""
    pageInfo: PageInfo!
    """Identifies the total count of items in the connection."""
    totalCount: Int!
  }

  extend type Issue {
    """The moment the editor made the last edit"""
    lastEditedAt: DateTime
    """The actor who edited the comment."""
    editor: Actor
    """Check if this comment was edited and includes an edit with the creation data"""
    includesCreatedEdit: Boolean!
    """A list of edits to this content."""
    userContentEdits(after: String, before: String, first: Int, last: Int): UserContentEditConnection
  }
`;

/** One version as `UserContentEdit` answers it; the sandbox never deletes a version from history. */
function editNode(edit: BodyEditState): Record<string, unknown> {
  return {
    id: edit.nodeId,
    createdAt: edit.createdAt,
    updatedAt: edit.createdAt,
    editedAt: edit.editedAt,
    editor: actorNode(edit.editor),
    diff: edit.body ?? "",
    deletedAt: null,
    deletedBy: null,
  };
}

/** The edit fields of an `Issue` node, read from the issue when asked for. */
export function issueEditFields(issue: IssueState): Record<string, unknown> {
  const last = lastBodyEdit(issue);
  return {
    lastEditedAt: last?.editedAt ?? null,
    editor: last ? actorNode(last.editor) : null,
    includesCreatedEdit: (issue.bodyEdits?.length ?? 0) > 0,
    userContentEdits: (args: PageArgs) =>
      connectionOf([...(issue.bodyEdits ?? [])].reverse(), args, "userContentEdits", editNode),
  };
}

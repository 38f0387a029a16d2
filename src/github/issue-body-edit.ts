import type { GithubClient, RepoRef } from "./client.js";

/** The last edit of an issue's body, as GitHub's GraphQL says it (`lastEditedAt`, `editor`). */
export interface IssueBodyEdit {
  at: string;
  /** who made it; null when GitHub no longer names the account (deleted: `ghost`) */
  editor: { login: string; type: string } | null;
}

interface Answer {
  repository: {
    issue: { lastEditedAt: string | null; editor: { __typename: string; login: string } | null } | null;
  } | null;
}

/**
 * Who last edited the issue's body, and when; undefined when it was never edited. REST does not
 * say (neither the issue nor its events name a body edit): only GraphQL's `Comment` fields do.
 */
export async function readIssueBodyEdit(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  number: number,
): Promise<IssueBodyEdit | undefined> {
  const data = await octokit.graphql<Answer>(
    `query($owner: String!, $name: String!, $number: Int!) {
      repository(owner: $owner, name: $name) { issue(number: $number) { lastEditedAt editor { __typename login } } }
    }`,
    { owner, name: repo, number },
  );
  const issue = data.repository?.issue;
  if (!issue?.lastEditedAt) return undefined;
  const editor = issue.editor;
  return { at: issue.lastEditedAt, editor: editor ? { login: editor.login, type: editor.__typename } : null };
}

interface EditsAnswer {
  repository: {
    issue: {
      includesCreatedEdit: boolean;
      userContentEdits: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: ({ editedAt: string; editor: { __typename: string; login: string } | null } | null)[] | null;
      } | null;
    } | null;
  } | null;
}

/**
 * The edits of the issue's body made at or after `since` (to the second: GitHub's times are),
 * newest first, as GraphQL's `userContentEdits` lists them. The created version GitHub lists last
 * once the body was edited (`includesCreatedEdit`) is no edit and is left out.
 */
export async function readIssueBodyEditsSince(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  number: number,
  since: string,
): Promise<IssueBodyEdit[]> {
  const from = Math.floor(Date.parse(since) / 1000) * 1000;
  const edits: IssueBodyEdit[] = [];
  let after: string | null = null;
  for (;;) {
    const data: EditsAnswer = await octokit.graphql<EditsAnswer>(
      `query($owner: String!, $name: String!, $number: Int!, $after: String) {
        repository(owner: $owner, name: $name) { issue(number: $number) {
          includesCreatedEdit
          userContentEdits(first: 50, after: $after) {
            pageInfo { hasNextPage endCursor }
            nodes { editedAt editor { __typename login } }
          }
        } }
      }`,
      { owner, name: repo, number, after },
    );
    const issue = data.repository?.issue;
    const page = issue?.userContentEdits;
    if (!issue || !page) return edits;
    const nodes = (page.nodes ?? []).filter((node) => node !== null);
    const last = !page.pageInfo.hasNextPage || page.pageInfo.endCursor === null;
    // the created version closes the list: the author writing the issue, not an edit of it
    const versions = last && issue.includesCreatedEdit ? nodes.slice(0, -1) : nodes;
    for (const node of versions) {
      if (Date.parse(node.editedAt) < from) return edits;
      const editor = node.editor;
      edits.push({ at: node.editedAt, editor: editor ? { login: editor.login, type: editor.__typename } : null });
    }
    if (last) return edits;
    after = page.pageInfo.endCursor;
  }
}

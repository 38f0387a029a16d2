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

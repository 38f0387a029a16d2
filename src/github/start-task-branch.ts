import type { GithubClient } from "./client.js";
import { aliasErrors } from "./label-mirror.js";

/** A task's start: its branch at the default branch's head, its files committed there, its draft PR. */
export interface TaskBranchStart {
  /** the repository's node id */
  repositoryId: string;
  owner: string;
  repo: string;
  branch: string;
  /** the default branch's head: the branch is created there, and the commit expects it as the branch's head */
  base: string;
  /** the default branch: the pull request's base */
  baseBranch: string;
  message: string;
  files: Readonly<Record<string, string>>;
  pull: { title: string; body: string };
}

/** One part's answer: its value, or GitHub's refusal of that part (`type`, `message`). */
export type PartAnswer<T> = { ok: true; value: T } | { ok: false; type?: string; message: string };

/** What GitHub answered each part of a start (`startTaskBranch`). */
export interface TaskBranchStarted {
  branch: PartAnswer<true>;
  commit: PartAnswer<{ sha: string; refId?: string }>;
  pull: PartAnswer<{ number: number; node_id: string }>;
}

/** A part GitHub refused, thrown as it answered it (`type`: NOT_FOUND, FORBIDDEN, UNPROCESSABLE...). */
export class GraphqlRefusal extends Error {
  constructor(
    readonly mutation: string,
    readonly type: string | undefined,
    /** GitHub's own words */
    readonly answer: string,
  ) {
    super(`GitHub refused ${mutation}: ${answer}${type === undefined ? "" : ` (${type})`}`);
    this.name = "GraphqlRefusal";
  }
}

/** GitHub's refusal of a branch that exists: UNPROCESSABLE `A ref named "refs/heads/x" already exists in the repository.` */
export const refAlreadyExists = (answer: PartAnswer<unknown>): boolean =>
  !answer.ok && answer.type === "UNPROCESSABLE" && /^A ref named .* already exists/i.test(answer.message);

/** GitHub's refusal of a commit whose `expectedHeadOid` is not the branch's head any more: STALE_DATA. */
export const headMoved = (answer: PartAnswer<unknown>): boolean => !answer.ok && answer.type === "STALE_DATA";

/** GitHub's refusal of a second open pull request for one head: UNPROCESSABLE `A pull request already exists for owner:branch.` */
export const pullAlreadyExists = (answer: PartAnswer<unknown>): boolean =>
  !answer.ok && answer.type === "UNPROCESSABLE" && /a pull request already exists/i.test(answer.message);

const startDocument = `mutation ($repositoryId: ID!, $name: String!, $base: GitObjectID!, $commit: CreateCommitOnBranchInput!,
    $baseRefName: String!, $headRefName: String!, $title: String!, $body: String!) {
  branch: createRef(input: { repositoryId: $repositoryId, name: $name, oid: $base }) { clientMutationId }
  commit: createCommitOnBranch(input: $commit) { commit { oid } ref { id } }
  pull: createPullRequest(input: { repositoryId: $repositoryId, baseRefName: $baseRefName,
      headRefName: $headRefName, title: $title, body: $body, draft: true }) { pullRequest { id number } }
}`;

interface StartData {
  branch?: { clientMutationId: string | null } | null;
  commit?: { commit: { oid: string }; ref?: { id?: string } | null } | null;
  pull?: { pullRequest: { id: string; number: number } | null } | null;
}

/**
 * A task's start in one GraphQL request, three mutations GitHub runs one after another: `createRef`
 * (the branch at `base`), `createCommitOnBranch` (the files, on the condition that the branch
 * points at `base`) and `createPullRequest` (a draft into `baseBranch`). A refused part does not
 * stop the next one, so each is answered on its own: a branch that exists already (a redelivery,
 * another replica) is UNPROCESSABLE, a commit on a branch another writer moved is STALE_DATA, a
 * second open pull request is UNPROCESSABLE; the caller finishes what was refused. A request that
 * fails as a whole (no alias answered) throws as Octokit threw it.
 */
export async function startTaskBranch(octokit: GithubClient, start: TaskBranchStart): Promise<TaskBranchStarted> {
  const split = start.message.indexOf("\n");
  const headline = split < 0 ? start.message : start.message.slice(0, split);
  const body = split < 0 ? "" : start.message.slice(split + 1).replace(/^\n/, "");
  const commit = {
    branch: { repositoryNameWithOwner: `${start.owner}/${start.repo}`, branchName: start.branch },
    expectedHeadOid: start.base,
    message: body === "" ? { headline } : { headline, body },
    fileChanges: {
      additions: Object.entries(start.files).map(([path, content]) => ({
        path,
        contents: Buffer.from(content, "utf8").toString("base64"),
      })),
    },
  };
  const variables = {
    repositoryId: start.repositoryId,
    name: `refs/heads/${start.branch}`,
    base: start.base,
    commit,
    baseRefName: start.baseBranch,
    headRefName: start.branch,
    title: start.pull.title,
    body: start.pull.body,
  };
  let data: StartData;
  let refused: Map<string, { type?: string; message: string }>;
  try {
    data = await octokit.graphql<StartData>(startDocument, variables);
    refused = new Map();
  } catch (error) {
    const errors = aliasErrors(error);
    if (errors === undefined) throw error;
    data = ((error as { data?: unknown }).data ?? {}) as StartData;
    refused = new Map(errors.map(({ alias, ...rest }) => [alias, rest]));
  }
  const answer = <T>(alias: string, value: T | undefined): PartAnswer<T> => {
    if (value !== undefined) return { ok: true, value };
    const error = refused.get(alias);
    return { ok: false, ...(error?.type === undefined ? {} : { type: error.type }), message: error?.message ?? "" };
  };
  const oid = data.commit?.commit.oid;
  const refId = data.commit?.ref?.id;
  const opened = data.pull?.pullRequest;
  return {
    branch: answer("branch", data.branch ? (true as const) : undefined),
    commit: answer("commit", oid === undefined ? undefined : { sha: oid, ...(refId ? { refId } : {}) }),
    pull: answer("pull", opened ? { number: opened.number, node_id: opened.id } : undefined),
  };
}

import type { Principal } from "../../auth/index.js";
import { SandboxHttpError } from "../../http/index.js";
import type { RepoState } from "../../state/index.js";

const workflowsDir = ".github/workflows/";
const emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

export const isWorkflowPath = (path: string): boolean => path.startsWith(workflowsDir);

/**
 * Whether the caller may create or change workflow files: GitHub refuses a GitHub App (an
 * installation token, the Actions `GITHUB_TOKEN` included) whose installation lacks
 * `workflows: write`; people (user tokens) are judged by their repository role alone.
 */
const mayWriteWorkflows = (principal: Principal): boolean =>
  principal.kind !== "installation" || principal.permissions.workflows === "write";

/** GitHub's refusal, naming the first workflow file the write touches. */
const refusal = (status: 403 | 422, path: string): SandboxHttpError =>
  new SandboxHttpError(
    status,
    `refusing to allow a GitHub App to create or update workflow \`${path}\` without \`workflows\` permission`,
  );

/** `PUT`/`DELETE /contents/{path}` on a workflow file by an app without `workflows: write`: 403. */
export function assertMayWriteWorkflowFile(principal: Principal, path: string): void {
  if (isWorkflowPath(path) && !mayWriteWorkflows(principal)) throw refusal(403, path);
}

/**
 * A merge by an app without `workflows: write` whose changes (`paths`) include a workflow file:
 * 403, as GitHub answers a pull request merge or update-branch that would bring one in.
 */
export function assertMayMergeWorkflows(principal: Principal, paths: readonly string[]): void {
  const touched = paths.find(isWorkflowPath);
  if (touched !== undefined && !mayWriteWorkflows(principal)) throw refusal(403, touched);
}

/**
 * A ref moving from `before` to `after` by an app without `workflows: write`, when the move
 * changes a file under `.github/workflows/`: 422 through the refs API (the sandbox's best reading:
 * GitHub documents no status for it), 403 for update-branch (`status`). A new ref (`before`
 * undefined) is judged by what it changes from where it leaves the default branch, so a branch
 * made from `main` passes.
 */
export async function assertMayMoveWorkflows(
  repo: RepoState,
  principal: Principal,
  before: string | undefined,
  after: string,
  status: 403 | 422 = 422,
): Promise<void> {
  if (mayWriteWorkflows(principal)) return;
  let from = before;
  if (from === undefined) {
    const main = await repo.git.getRef(`refs/heads/${repo.defaultBranch}`);
    from = (main === undefined ? undefined : await repo.git.mergeBase(main, after)) ?? emptyTree;
  }
  const touched = (await repo.git.changedPaths(from, after)).find(isWorkflowPath);
  if (touched !== undefined) throw refusal(status, touched);
}

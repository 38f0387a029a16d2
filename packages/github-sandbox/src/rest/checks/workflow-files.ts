import { parse } from "yaml";
import { legacyNodeId, type RepoState, type SandboxState } from "../../state/index.js";

const workflowsDir = ".github/workflows/";

/** A workflow file as GitHub Actions knows it: a stable id per path, its name and its triggers. */
export interface WorkflowFile {
  id: number;
  nodeId: string;
  path: string;
  name: string;
  createdAt: string;
  /** undefined when the file does not parse as a YAML mapping */
  definition: Record<string, unknown> | undefined;
}

/** A declared `workflow_dispatch` input. */
export interface DispatchInput {
  required?: boolean;
  default?: unknown;
  type?: string;
  options?: unknown[];
}

/** GitHub gives a workflow an id when it first sees its path; the sandbox does on first mention. */
const workflowIds = new WeakMap<RepoState, Map<string, { id: number; createdAt: string }>>();

function identity(state: SandboxState, repo: RepoState, path: string): { id: number; createdAt: string } {
  let ids = workflowIds.get(repo);
  if (!ids) workflowIds.set(repo, (ids = new Map()));
  let known = ids.get(path);
  if (!known) ids.set(path, (known = { id: state.nextId(), createdAt: state.iso() }));
  return known;
}

const isWorkflowPath = (path: string): boolean =>
  path.startsWith(workflowsDir) && !path.slice(workflowsDir.length).includes("/") && /\.ya?ml$/.test(path);

function parseDefinition(content: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = parse(content);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The workflow at `path` on `ref`; undefined when there is no such file. */
export async function readWorkflow(
  state: SandboxState,
  repo: RepoState,
  ref: string,
  path: string,
): Promise<WorkflowFile | undefined> {
  const file = await repo.git.readFile(ref, path);
  if (!file) return undefined;
  const definition = parseDefinition(file.content.toString("utf8"));
  const { id, createdAt } = identity(state, repo, path);
  const name = typeof definition?.name === "string" && definition.name ? definition.name : path;
  return { id, nodeId: legacyNodeId("Workflow", id), path, name, createdAt, definition };
}

/** Every workflow file of `ref` (`.github/workflows/*.yml|yaml`), in path order. */
export async function listWorkflows(state: SandboxState, repo: RepoState, ref: string): Promise<WorkflowFile[]> {
  const paths = (await repo.git.listFiles(ref)).filter(isWorkflowPath).sort();
  const files = await Promise.all(paths.map((path) => readWorkflow(state, repo, ref, path)));
  return files.filter((file): file is WorkflowFile => file !== undefined);
}

/** The path a `workflow_id` names: a file name in `.github/workflows/`, or a numeric id GitHub gave out. */
export function workflowPathOf(repo: RepoState, workflowId: string | number): string | undefined {
  const asNumber =
    typeof workflowId === "number" ? workflowId : /^\d+$/.test(workflowId) ? Number(workflowId) : undefined;
  if (asNumber !== undefined) {
    for (const [path, known] of workflowIds.get(repo) ?? []) if (known.id === asNumber) return path;
    return undefined;
  }
  const name = String(workflowId);
  return name.includes("/") ? (isWorkflowPath(name) ? name : undefined) : `${workflowsDir}${name}`;
}

/**
 * The `workflow_dispatch` trigger of a workflow: undefined when `on` does not list it, else its
 * declared inputs (`on: workflow_dispatch`, `on: [push, workflow_dispatch]` and the mapping form
 * all count).
 */
export function dispatchTrigger(
  definition: Record<string, unknown> | undefined,
): Record<string, DispatchInput> | undefined {
  const on = definition?.on;
  if (on === "workflow_dispatch") return {};
  if (Array.isArray(on)) return on.includes("workflow_dispatch") ? {} : undefined;
  if (typeof on !== "object" || on === null || !("workflow_dispatch" in on)) return undefined;
  const trigger = (on as Record<string, unknown>).workflow_dispatch;
  const inputs = typeof trigger === "object" && trigger !== null ? (trigger as { inputs?: unknown }).inputs : undefined;
  return typeof inputs === "object" && inputs !== null ? (inputs as Record<string, DispatchInput>) : {};
}

import { SandboxHttpError } from "../http/index.js";
import { requireCheckWriter } from "../rest/checks/check-access.js";
import type { CheckRunInput } from "../rest/checks/check-run-input.js";
import { createRun, updateRun } from "../rest/checks/check-run-writes.js";
import type { CheckAnnotationState, RepoState } from "../state/index.js";
import { checkRunNode } from "./check-run-node.js";
import { asFieldError, FieldError, unprocessableMessage } from "./field-error.js";
import type { GraphqlContext } from "./repository-query.js";

interface AnnotationData {
  annotationLevel: "FAILURE" | "NOTICE" | "WARNING";
  location: { startLine: number; endLine: number; startColumn?: number | null; endColumn?: number | null };
  message: string;
  path: string;
  rawDetails?: string | null;
  title?: string | null;
}

/** The fields `CreateCheckRunInput` and `UpdateCheckRunInput` share (graphql-js has checked their types). */
interface CheckRunFields {
  repositoryId: string;
  clientMutationId?: string | null;
  name?: string | null;
  detailsUrl?: string | null;
  externalId?: string | null;
  status?: string | null;
  startedAt?: string | null;
  conclusion?: string | null;
  completedAt?: string | null;
  output?: { title: string; summary: string; text?: string | null; annotations?: AnnotationData[] | null } | null;
  actions?: { label: string; description: string; identifier: string }[] | null;
}

/** GitHub takes at most 50 annotations per request for a run; more go in further updates. */
const annotationsPerRequest = 50;

const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

function annotationOf(data: AnnotationData): CheckAnnotationState {
  const { startLine, endLine, startColumn, endColumn } = data.location;
  return {
    path: data.path,
    start_line: startLine,
    end_line: endLine,
    ...(given(startColumn) ? { start_column: startColumn } : {}),
    ...(given(endColumn) ? { end_column: endColumn } : {}),
    annotation_level: data.annotationLevel.toLowerCase() as CheckAnnotationState["annotation_level"],
    message: data.message,
    ...(given(data.title) ? { title: data.title } : {}),
    ...(given(data.rawDetails) ? { raw_details: data.rawDetails } : {}),
  };
}

/** The GraphQL input as the REST body the check-run state code applies (same rules for both APIs). */
function restInputOf(input: CheckRunFields): CheckRunInput {
  if (input.status === "PENDING" || input.status === "WAITING") {
    throw new FieldError("UNPROCESSABLE", "Only GitHub Actions can set a status of waiting, pending or requested.");
  }
  const annotations = input.output?.annotations ?? [];
  if (annotations.length > annotationsPerRequest) {
    throw new FieldError(
      "UNPROCESSABLE",
      `A check run takes at most ${annotationsPerRequest} annotations per request; ${annotations.length} were sent. Send the rest in further updateCheckRun calls.`,
    );
  }
  const output = input.output;
  return {
    ...(given(input.name) ? { name: input.name } : {}),
    ...(given(input.detailsUrl) ? { details_url: input.detailsUrl } : {}),
    ...(given(input.externalId) ? { external_id: input.externalId } : {}),
    ...(given(input.status) ? { status: input.status.toLowerCase() as NonNullable<CheckRunInput["status"]> } : {}),
    ...(given(input.startedAt) ? { started_at: input.startedAt } : {}),
    ...(given(input.conclusion) ? { conclusion: input.conclusion.toLowerCase() } : {}),
    ...(given(input.completedAt) ? { completed_at: input.completedAt } : {}),
    ...(given(input.actions) ? { actions: input.actions } : {}),
    ...(given(output)
      ? {
          output: {
            title: output.title,
            summary: output.summary,
            ...(given(output.text) ? { text: output.text } : {}),
            annotations: annotations.map(annotationOf),
          },
        }
      : {}),
  };
}

/** The repository a node id names, when the caller may write its checks (only GitHub Apps may). */
function writableRepo({ ctx, request }: GraphqlContext, repositoryId: string): RepoState {
  const notFound = new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${repositoryId}'.`);
  const repo = [...ctx.state.repos()].find((candidate) => candidate.nodeId === repositoryId);
  if (!repo) throw notFound;
  try {
    return requireCheckWriter(ctx, { ...request, params: { owner: repo.owner.login, repo: repo.name } });
  } catch (error) {
    return asFieldError(error, notFound);
  }
}

/** Runs the REST handlers' own check-run code; their 422s become UNPROCESSABLE. */
async function asMutation<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SandboxHttpError && error.status === 422)
      throw new FieldError("UNPROCESSABLE", unprocessableMessage(error));
    if (error instanceof SandboxHttpError && error.status === 403) throw new FieldError("FORBIDDEN", error.message);
    throw error;
  }
}

/** `createCheckRun`: as `POST /check-runs` does it (see `createRun`). */
async function createCheckRun(
  { input }: { input: CheckRunFields & { headSha: string; name: string } },
  context: GraphqlContext,
) {
  const { ctx, request } = context;
  const repo = writableRepo(context, input.repositoryId);
  const run = await asMutation(() =>
    createRun(ctx, repo, request.principal, { name: input.name, headSha: input.headSha }, () => restInputOf(input)),
  );
  return { clientMutationId: input.clientMutationId ?? null, checkRun: checkRunNode(ctx.state, repo, run) };
}

/** `updateCheckRun`: as `PATCH /check-runs/{id}` (see `updateRun`), annotations appended, completion announced. */
async function updateCheckRun({ input }: { input: CheckRunFields & { checkRunId: string } }, context: GraphqlContext) {
  const { ctx, request } = context;
  const repo = writableRepo(context, input.repositoryId);
  const run = [...repo.checkRuns.values()].find((candidate) => candidate.nodeId === input.checkRunId);
  if (!run)
    throw new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${input.checkRunId}'.`);
  await asMutation(() => updateRun(ctx, repo, request.principal, run, restInputOf(input)));
  return { clientMutationId: input.clientMutationId ?? null, checkRun: checkRunNode(ctx.state, repo, run) };
}

/** The root value's check-run mutations; graphql-js runs a document's mutations one after another. */
export const checkRunRoot = { createCheckRun, updateCheckRun };

import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line of a job says about the work it belongs to. */
export interface JobFields {
  /** X-GitHub-Delivery of the webhook that set the work off */
  delivery?: string;
  /** `issues.labeled`, `pull_request.synchronize`, … or `sweep` */
  event?: string;
  /** `owner/repo` */
  repository?: string;
  /** the issue or pull request the delivery is about */
  issue?: number;
  pr?: number;
  /** `T-<n>`, once the work knows which task it is about */
  task?: string;
}

/**
 * The scope a webhook handler runs in, and every job it queues after it: the fields its log lines
 * carry, and nothing else. The app instance's services travel explicitly, on the repository
 * context (`RepoContext.services`); the log fields are kept in an AsyncLocalStorage so every line
 * written meanwhile (Octokit's, the work queue's) carries them.
 */
export interface JobScope {
  readonly fields: JobFields;
}

const storage = new AsyncLocalStorage<JobScope>();

export function runInJobScope<T>(scope: JobScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/**
 * A copy of the current scope for one job: a job that learns its task must not tag the other
 * jobs the same delivery queued (a check suite queues one per pull request).
 */
export function forkJobScope(): JobScope | undefined {
  const scope = storage.getStore();
  return scope && { ...scope, fields: { ...scope.fields } };
}

/**
 * The job now knows its task: from here on its log lines carry `task`. Only a delivery's job is
 * about one task (and the first task it names wins); a sweep goes through many, so its lines name
 * the task only where the line itself does.
 */
export function noteTask(taskId: string): void {
  const scope = storage.getStore();
  if (scope?.fields.delivery !== undefined && scope.fields.task === undefined) scope.fields.task = taskId;
}

const fieldNames = ["delivery", "event", "repository", "issue", "pr", "task"] as const;

/**
 * For the `mixin` of the app's root logger (`bound`: the writing logger's bindings): adds the job's fields to every line written while the
 * job runs (Octokit's request lines and the work queue's included), except the keys the line's
 * logger or call already has, so no key appears twice.
 */
export function jobLogMixin(line: object, bound: Record<string, unknown>): Record<string, unknown> {
  const scope = storage.getStore();
  if (!scope) return {};
  const extra: Record<string, unknown> = {};
  for (const name of fieldNames) {
    const value = scope.fields[name];
    if (value !== undefined && !(name in bound) && !(name in line)) extra[name] = value;
  }
  return extra;
}

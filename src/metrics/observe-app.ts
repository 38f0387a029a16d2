import type { Context, Probot } from "probot";
import { runInJobScope, type JobFields } from "../work/job-scope.js";
import type { AppMetrics } from "./app-metrics.js";
import { instrumentOctokit } from "./instrument-octokit.js";

interface ThreadPayload {
  action?: string;
  repository?: { full_name?: string };
  issue?: { number: number; pull_request?: unknown };
  pull_request?: { number: number; head?: { ref?: string } };
  check_suite?: { pull_requests?: Array<{ number: number; head?: { ref?: string } }> };
  check_run?: { pull_requests?: Array<{ number: number; head?: { ref?: string } }> };
}

/** Task branches are named `<prefix>T-<n>-<slug>`: the task is known from the delivery itself. */
function taskOfBranch(ref: string | undefined): string | undefined {
  return ref?.match(/(?:^|\/)(T-\d+)(?:-|$)/)?.[1];
}

/** What a delivery says about the work it sets off: the fields of its jobs' log lines. */
export function jobFieldsOf(context: Pick<Context, "id" | "name" | "payload">): JobFields {
  const payload = context.payload as ThreadPayload;
  const pulls = payload.check_suite?.pull_requests ?? payload.check_run?.pull_requests ?? [];
  const pull = payload.pull_request ?? (pulls.length === 1 ? pulls[0] : undefined);
  const prNumber = pull?.number ?? (payload.issue?.pull_request ? payload.issue.number : undefined);
  const issueNumber = payload.issue && !payload.issue.pull_request ? payload.issue.number : undefined;
  const task = taskOfBranch(pull?.head?.ref);
  return {
    delivery: context.id,
    event: payload.action ? `${context.name}.${payload.action}` : context.name,
    ...(payload.repository?.full_name !== undefined && { repository: payload.repository.full_name }),
    ...(issueNumber !== undefined && { issue: issueNumber }),
    ...(prNumber !== undefined && { pr: prNumber }),
    ...(task !== undefined && { task }),
  };
}

/**
 * The app as the workflows see it: each webhook handler (and every job it queues) runs in a job
 * scope carrying the delivery's log fields, and every Octokit the
 * handlers get (`context.octokit`, `app.auth()`) counts its calls. Deliveries and handler errors
 * are counted once per delivery.
 */
export function observeApp(app: Probot, metrics: AppMetrics): Probot {
  app.onAny(async (context) => metrics.delivery(context.name, (context.payload as ThreadPayload).action));
  app.onError(async () => metrics.error("webhook"));
  const on = (events: unknown, handler: (context: Context) => Promise<void>) =>
    (app.on as (events: unknown, handler: (context: Context) => Promise<void>) => void)(events, (context) =>
      runInJobScope({ fields: jobFieldsOf(context) }, () => {
        instrumentOctokit(context.octokit, metrics);
        return handler(context);
      }),
    );
  const auth: Probot["auth"] = async (installationId) => instrumentOctokit(await app.auth(installationId), metrics);
  return new Proxy(app, {
    get(target, property) {
      if (property === "on") return on;
      if (property === "auth") return auth;
      const value: unknown = Reflect.get(target, property, target);
      // Probot's methods read private fields: they must run on the instance, not on the proxy
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

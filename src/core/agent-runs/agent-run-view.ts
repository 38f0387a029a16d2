/** What Autopilot reads of a workflow run (GitHub's `workflow-run`, trimmed). */
export interface AgentRunView {
  id: number;
  /** `.github/workflows/agent.yml` */
  path: string;
  /** what started it: `workflow_dispatch` for a run the app dispatched */
  event: string;
  /** who started its first attempt */
  actor: string | null;
  status: string | null;
  conclusion: string | null;
  /** 1, then one more per re-run */
  attempt: number;
  url: string;
  created_at: string;
}

/** The queue's record of the agent's run (`agent_run` of a queue line). */
export interface AgentRunRecord {
  id: number;
  url: string;
  attempt: number;
  conclusion: string | null;
  retry_at?: string | null;
}

/** How failed runs are retried: `dispatch.retries` with the backoff in milliseconds. */
export interface RetryPolicy {
  attempts: number;
  /** the wait before the first re-run, doubled for each later one; 0: at once */
  backoffMs: number;
}

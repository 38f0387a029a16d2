import { randomBytes } from "node:crypto";
import type { Logger } from "probot";
import {
  ConditionalReads,
  KnownCommits,
  KnownLabels,
  RateLimitPause,
  type LoadRepoConfigResult,
} from "../github/index.js";
import { type AppMetrics, meteredPorts } from "../metrics/index.js";
import { hmacSigner, type RecordSigner } from "../core/review/index.js";
import type { WorkQueue } from "../work/index.js";
import { DeliveryConfigReads, KeptBlobs, MergeMethodMemo } from "./app-caches.js";
import { ReadinessMemory } from "./readiness/readiness-memory.js";
import { DashboardRefresher } from "./scheduling/dashboard-refresher.js";
import { MergeEvaluations } from "./scheduling/merge-evaluations.js";
import { MergeabilityRechecks } from "./scheduling/mergeability-rechecks.js";
import type { AppServices, PortsFor } from "./repo-context.js";
import { portsFromEnvironment } from "./review/ports-from-environment.js";

export interface AppServicesOptions {
  metrics: AppMetrics;
  work: WorkQueue;
  login: () => Promise<string>;
  log: Logger;
  /** default: the system clock */
  now?: () => Date;
  /** default: from the environment's API keys */
  reviewPorts?: PortsFor;
  /** how long the dashboard waits after a queue transition before it is refreshed; default 10 s */
  dashboardDebounceMs?: number;
  rechecks?: MergeabilityRechecks;
  /** how long the gates read a change before the PR shows their runs in progress; default 2 s */
  gatesShowRunningAfterMs?: number;
  /**
   * signs review records; default: an HMAC under a key of this instance alone (records it wrote
   * verify only in it). The app passes its webhook secret's, which every replica shares.
   */
  signRecord?: RecordSigner;
  /** signers of records sealed before a rotation of the secret (the previous webhook secret's) */
  previousRecordSigners?: readonly RecordSigner[];
}

/** One app instance's services, each cache fresh: nothing is shared with another instance. */
export function createAppServices(
  options: AppServicesOptions,
): AppServices & { dashboard: DashboardRefresher; rechecks: MergeabilityRechecks } {
  const { metrics, work, login, log } = options;
  // without a signer (unit tests): an HMAC under a key of this instance alone
  const signRecord = options.signRecord ?? hmacSigner(randomBytes(32));
  return {
    metrics,
    work,
    login,
    now: options.now ?? (() => new Date()),
    reviewPorts: meteredPorts(options.reviewPorts ?? portsFromEnvironment, metrics),
    gatesShowRunningAfterMs: options.gatesShowRunningAfterMs ?? 2000,
    dashboard: new DashboardRefresher({ work, login, windowMs: options.dashboardDebounceMs ?? 10_000, log }),
    rechecks: options.rechecks ?? new MergeabilityRechecks(),
    merges: new MergeEvaluations(),
    configReads: new DeliveryConfigReads<LoadRepoConfigResult>(),
    dashboards: new Map(),
    labels: new KnownLabels(),
    conditionalReads: new ConditionalReads(),
    rateLimits: new RateLimitPause(),
    knownCommits: new KnownCommits(),
    stateBranches: new Map(),
    queueBlobs: new KeptBlobs(),
    readiness: new ReadinessMemory(),
    mergeQueueBases: new Set(),
    mergeMethods: new MergeMethodMemo(),
    signRecord,
    recordVerifiers: [signRecord, ...(options.previousRecordSigners ?? [])],
  };
}

import { hmacSigner } from "../../src/core/seal.js";
import { createAppServices } from "../../src/handlers/app-services.js";
import type { AppServices } from "../../src/handlers/repo-context.js";
import { AppMetrics } from "../../src/metrics/index.js";
import { WorkQueue } from "../../src/work/index.js";
import { silentLog as silent } from "./silent-log.js";

/**
 * The services of a fresh app instance, for a test that calls the workflows directly (no
 * Probot): nothing learned by another instance answers for it. Queue changes it makes schedule
 * no dashboard refresh (a test that wants one calls `refreshDashboard`). Every instance signs
 * with one test secret, as the replicas of one app share the webhook secret.
 */
export function testServices(overrides: Partial<AppServices> = {}): AppServices {
  const work = overrides.work ?? new WorkQueue();
  const services = createAppServices({
    metrics: new AppMetrics(),
    work,
    login: async () => "autopilot[bot]",
    log: silent as never,
    signRecord: hmacSigner("autopilot test webhook secret"),
  });
  return { ...services, dashboard: { schedule: () => undefined, cover: () => undefined }, ...overrides };
}

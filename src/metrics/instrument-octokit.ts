import type { AppMetrics } from "./app-metrics.js";

/** The slice of an Octokit instance the metrics hook into. */
interface HookableOctokit {
  hook: {
    wrap(
      name: "request",
      hook: (
        request: (options: RequestOptions) => Promise<{ status: number }>,
        options: RequestOptions,
      ) => Promise<{ status: number }>,
    ): void;
  };
}

interface RequestOptions {
  method?: string;
  url?: string;
}

/**
 * Counts every call `octokit` makes, by method, route template and final status. Wrapped around
 * Octokit's own retry and throttling, so a retried call counts once with the status it ended
 * with. Instruments an instance once per app instance's metrics, however often it is handed over.
 */
export function instrumentOctokit<T extends object>(octokit: T, metrics: AppMetrics): T {
  if (!metrics.adoptOctokit(octokit)) return octokit;
  (octokit as unknown as HookableOctokit).hook.wrap("request", async (request, options) => {
    const method = (options.method ?? "GET").toUpperCase();
    const route = routeOf(options.url ?? "");
    try {
      const response = await request(options);
      metrics.githubRequest(method, route, response.status);
      return response;
    } catch (error) {
      // Octokit reports a request that got no answer (connection refused, reset) as status 500
      // without a response: that is a network failure, not GitHub's 500
      const { status, response } = error as { status?: unknown; response?: unknown };
      metrics.githubRequest(method, route, typeof status === "number" && response !== undefined ? status : "network");
      throw error;
    }
  });
  return octokit;
}

/**
 * The route as a label: `octokit.rest.*` gives the template (`/repos/{owner}/{repo}/pulls`), but a
 * page after the first comes as a full URL (`https://…/repositories/123/issues?page=2`) and a
 * literal `octokit.request` path names its repository: origin, GHES's `/api/v3`, the query, the
 * owner and repository, numeric ids and commit SHAs are replaced so the label stays low-cardinality.
 */
export function routeOf(url: string): string {
  const path =
    url
      .replace(/^https?:\/\/[^/]+/, "")
      .replace(/^\/api\/v3(?=\/)/, "")
      .split("?")[0] ?? "";
  return (
    path
      .replace(/^\/repos\/[^/{}]+\/[^/{}]+(?=\/|$)/, "/repos/{owner}/{repo}")
      .replace(/\/[0-9a-f]{40}(?=\/|$)/g, "/{sha}")
      .replace(/\/\d+(?=\/|$)/g, "/{id}") || "/"
  );
}

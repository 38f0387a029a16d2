import type { Probot } from "probot";
import type { GithubClient, RepoRef } from "./client.js";
import { octokitPort, type PortOptions } from "./octokit-port.js";
import { RateLimitPausedError } from "./rate-limit-pause.js";
import type { GitHubPort } from "./port.js";

/** One repository the app is installed on, with a port acting as its installation. */
export interface InstalledRepository extends RepoRef {
  github: GitHubPort;
  defaultBranch: string;
  /** the repository's web address, as the installation's repository list gives it */
  htmlUrl?: string;
  /** archived: read-only on GitHub, every write refused (403 "Repository was archived so is read-only.") */
  archived: boolean;
}

interface ListedRepository {
  owner: { login: string };
  name: string;
  archived?: boolean;
  default_branch?: string;
  html_url?: string;
  node_id?: string;
}

/** What the app does on GitHub as itself (its JWT) rather than as one installation. */
export interface GitHubAppPort {
  /** the app's slug (`GET /app`); undefined when GitHub does not say */
  slug(): Promise<string | undefined>;
  /**
   * every repository of every installation, installation by installation; an installation that is
   * suspended, or whose repositories cannot be listed, is left out and told to `skipped`
   */
  repositories(skipped?: (installation: SkippedInstallation) => void): AsyncIterable<InstalledRepository>;
}

/** An installation the listing left out, and why. */
export interface SkippedInstallation {
  id: number;
  reason: "suspended" | "failed";
  error?: unknown;
}

/** The app-level port on Probot's app client and its installation clients. */
export function probotAppPort(app: Probot, options: PortOptions = {}): GitHubAppPort {
  return {
    slug: async () => {
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      return data?.slug;
    },
    async *repositories(skipped = () => undefined) {
      const appOctokit = await app.auth();
      const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
      for (const installation of installations) {
        // suspended by its owner (or by the app): GitHub mints no token for it until it is unsuspended
        if (installation.suspended_at) {
          skipped({ id: installation.id, reason: "suspended" });
          continue;
        }
        const octokit = (await app.auth(installation.id)) as GithubClient;
        options.rateLimits?.install(octokit, installation.id);
        let listed: unknown[];
        try {
          listed = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
        } catch (error) {
          // an installation whose budget is spent is swept after its reset; the others now
          if (error instanceof RateLimitPausedError) continue;
          // one installation's failure (a refused token, GitHub's 5xx) keeps none of the others unswept
          skipped({ id: installation.id, reason: "failed", error });
          continue;
        }
        for (const repository of listed as unknown as ListedRepository[]) {
          const ref = { owner: repository.owner.login, repo: repository.name };
          // the listing names the repository's node id: the sweep's jobs need not read it again
          if (repository.node_id) options.knownCommits?.setRepositoryId(`${ref.owner}/${ref.repo}`, repository.node_id);
          yield {
            ...ref,
            github: octokitPort(octokit, ref, { ...options, installationId: installation.id }),
            defaultBranch: repository.default_branch ?? "main",
            archived: repository.archived === true,
            ...(repository.html_url === undefined ? {} : { htmlUrl: repository.html_url }),
          };
        }
      }
    },
  };
}

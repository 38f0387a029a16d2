import { ProbotOctokit } from "probot";
import type { SandboxAppInfo } from "../../../src/state/index.js";
import { silentOctokitLog } from "../../http/http-fixture.js";
import type { RestFixture, TestOctokit } from "../rest-fixture.js";

/** A token of `app`, installed on the fixture's account with the permissions it declares. */
export function asInstalledApp(fixture: RestFixture, app: SandboxAppInfo): TestOctokit {
  const installation = fixture.ctx.state.installOtherApp(app);
  fixture.ctx.auth.grantInstallation(installation.id, app.permissions ?? {});
  return new ProbotOctokit({
    auth: { token: fixture.ctx.auth.createInstallationToken(installation.id).token },
    baseUrl: fixture.url,
    log: silentOctokitLog,
    request: { retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/** Protects `main` of the fixture's repository with nothing but push `restrictions` (as octocat, its admin). */
export function restrictMain(
  fixture: RestFixture,
  restrictions: { users: string[]; teams?: string[]; apps?: string[] } | null,
  options: { enforceAdmins?: boolean; reviews?: boolean } = {},
) {
  return fixture.user("octocat").rest.repos.updateBranchProtection({
    owner: fixture.owner,
    repo: fixture.name,
    branch: "main",
    required_status_checks: null,
    enforce_admins: options.enforceAdmins ?? false,
    required_pull_request_reviews: options.reviews ? { required_approving_review_count: 1 } : null,
    restrictions: restrictions && { teams: [], ...restrictions },
  });
}

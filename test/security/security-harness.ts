import { ProbotOctokit } from "probot";
import type { RepoPermission } from "@autopilot/github-sandbox/state";
import { scriptedReviewers, type AppHarness, type TestOctokit } from "../e2e/app-harness.js";
import { silentLog as silent } from "../helpers/silent-log.js";

/** The names `PUT /collaborators/{username}` takes for each role. */
const apiRole: Record<RepoPermission, string> = {
  read: "pull",
  triage: "triage",
  write: "push",
  maintain: "maintain",
  admin: "admin",
};

const clientFor = (h: AppHarness, token: string): TestOctokit =>
  new ProbotOctokit({
    baseUrl: h.sandbox.apiUrl,
    auth: { token },
    log: silent,
    retry: { enabled: false },
    throttle: { enabled: false },
  });

/**
 * A real account of the sandbox with `permission` on acme/widgets, acting with its own user
 * token: what an attacker with that role can do, no more. (`none`: an outsider who can still
 * open issues and comment on the public repository.) Made as on GitHub Enterprise Server: the
 * site admin creates the account and a token for it, an admin of the repository invites it with
 * the role, and the person accepts the invitation.
 */
export async function personWith(
  h: AppHarness,
  login: string,
  permission: RepoPermission | "none",
): Promise<TestOctokit> {
  const admin = h.user;
  // no public e-mail: GitHub writes the account's noreply address into its commits, which links them back to it
  const created = await admin.request("POST /admin/users", { login }).then(
    () => true,
    (error: { status?: number }) => {
      // an account GitHub already knows (it committed or was mentioned) is simply taken as it is
      if (error.status === 422) return false;
      throw error;
    },
  );
  const grant = await admin.request("POST /admin/users/{username}/authorizations", {
    username: login,
    scopes: ["repo", "user"],
  });
  const person = clientFor(h, grant.data.token);
  if (permission === "none") return person;
  const invited = await admin.rest.repos.addCollaborator({
    owner: "acme",
    repo: "widgets",
    username: login,
    permission: apiRole[permission],
  });
  if (invited.status === 201) {
    await person.rest.repos.acceptInvitationForAuthenticatedUser({ invitation_id: invited.data.id });
  } else if (created) {
    throw new Error(`personWith: inviting the new account ${login} answered ${invited.status}, not an invitation`);
  }
  return person;
}

/**
 * An Octokit acting as GitHub Actions with a workflow run's `GITHUB_TOKEN`: the second app every
 * sandbox has installed (slug `github-actions`), which may write check runs and commit statuses.
 * What a job the agent controls can post on its own head.
 */
export function asActions(h: AppHarness, permissions?: Record<string, string>): TestOctokit {
  return clientFor(h, h.sandbox.actionsToken(permissions));
}

/**
 * An Octokit acting as yet another GitHub App installed on acme (a team's CI app, say): installed
 * on first use, with checks and statuses write, acting as `<slug>[bot]`.
 */
export function asOtherApp(h: AppHarness, slug: string, id: number): TestOctokit {
  const permissions = { metadata: "read", contents: "read", checks: "write", statuses: "write" };
  const installation = h.sandbox.state.installOtherApp({ id, slug, name: slug, ownerLogin: "acme", permissions });
  h.sandbox.auth.grantInstallation(installation.id, permissions);
  return clientFor(h, h.sandbox.auth.createInstallationToken(installation.id).token);
}

/**
 * Review ports whose red team finds nothing and whose manager accepts: the most favourable review
 * an attacker could hope for, so that only the defence under test can stop the merge.
 */
export const acceptingReviewers = () =>
  scriptedReviewers(
    () => ({ output: { risks: [], missing_deliverables: [], test_gaps: [], followups: [] } }),
    () => ({
      output: {
        decision: "accept",
        recommended_status: "done",
        next_actions: [],
        summary: "Meets the spec.",
        reasons: ["done"],
      },
    }),
  );

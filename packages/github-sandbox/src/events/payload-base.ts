import { repositoryJson, userJson, type Links } from "../represent/index.js";
import type { RepoState, SandboxState, SandboxUser } from "../state/index.js";
import { examplePayload, withInstallation } from "../webhooks/index.js";

export type Payload = Record<string, unknown>;

/** The `organization` object of webhook payloads (`organization-simple-webhooks`). */
function organizationJson(org: SandboxUser, links: Links): Payload {
  const url = `${links.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: org.nodeId,
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `${links.web}/avatars/u/${org.id}?v=4`,
    description: null,
  };
}

/**
 * A payload started from GitHub's real example for `event`/`action`, with everything GitHub sets
 * from its own state replaced by the sandbox's: the repository, its organization, the sender and
 * the installation. Examples from GitHub Enterprise carry an `enterprise`, which github.com's
 * payloads for a plain organization do not.
 */
export function basePayload(
  state: SandboxState,
  links: Links,
  event: string,
  action: string | undefined,
  repo: RepoState | undefined,
  sender: SandboxUser,
): Payload {
  const payload = withInstallation(examplePayload(event, action), state.installation.id);
  delete payload.enterprise;
  delete payload.organization;
  if (repo) {
    // webhook repositories name no organization object (the org is the payload's `organization`)
    const { organization: _organization, ...repository } = repositoryJson(repo, links, {
      defaultBranch: repo.defaultBranch,
    });
    payload.repository = repository;
    if (repo.owner.type === "Organization") payload.organization = organizationJson(repo.owner, links);
  } else {
    delete payload.repository;
  }
  payload.sender = userJson(sender, links);
  return payload;
}

import type { SandboxUser } from "../state/index.js";
import type { Links } from "./links.js";

/** GitHub's `simple-user` for an account. */
export function userJson(user: SandboxUser, links: Links): Record<string, unknown> {
  const url = `${links.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `${links.web}/avatars/u/${user.id}?v=4`,
    gravatar_id: "",
    url,
    html_url: `${links.web}/${user.type === "Bot" ? "apps/" + user.login.replace(/\[bot\]$/, "") : user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

import type { Config, ConfigIssue } from "../config/index.js";
import { configFilePath, formatConfigIssues, parseConfig } from "../config/index.js";
import type { GithubClient, RepoRef } from "./client.js";
import { isNotFound } from "./errors.js";

export type LoadRepoConfigResult =
  | { ok: true; config: Config /** blob sha of the file; absent when the defaults apply */; sha?: string }
  | { ok: false /** one Markdown line per issue */; errors: string[]; issues: ConfigIssue[]; sha?: string };

/** The file's text and blob sha in one call (JSON form, base64 content); undefined when absent. */
async function readConfigFile(octokit: GithubClient, { owner, repo, ref }: RepoRef & { ref?: string }) {
  try {
    const { data } = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: configFilePath,
      ...(ref === undefined ? {} : { ref }),
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    return { text: Buffer.from(data.content, "base64").toString("utf8"), sha: data.sha };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Reads and validates `.github/autopilot.yml` at `ref` (default branch when omitted). No file means
 * the defaults; an invalid file gives every issue with its path and line, for the
 * `autopilot/config` check, and the app then does nothing else.
 */
export async function loadRepoConfig(
  octokit: GithubClient,
  options: RepoRef & { ref?: string },
): Promise<LoadRepoConfigResult> {
  return repoConfigFrom(await readConfigFile(octokit, options));
}

/**
 * The configuration from the file's text and blob sha (undefined: no file, the defaults), for a
 * caller that read the file with others (the gates, in one GraphQL query): the same result
 * `loadRepoConfig` gives for it.
 */
export function repoConfigFrom(file: { text: string; sha: string } | undefined): LoadRepoConfigResult {
  const parsed = parseConfig(file?.text);
  const sha = file === undefined ? {} : { sha: file.sha };
  if (parsed.ok) return { ok: true, config: parsed.config, ...sha };
  return {
    ok: false,
    errors: parsed.issues.map((issue) => formatConfigIssues([issue], configFilePath)),
    issues: parsed.issues,
    ...sha,
  };
}

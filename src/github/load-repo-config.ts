import type { Config, ConfigIssue } from "../config/index.js";
import { configFilePath, formatConfigIssues, maxConfigBytes, parseConfig, tooLargeIssue } from "../config/index.js";
import type { GithubClient, RepoRef } from "./client.js";
import { isNotFound } from "./errors.js";

export type LoadRepoConfigResult =
  | { ok: true; config: Config /** blob sha of the file; absent when the defaults apply */; sha?: string }
  | { ok: false /** one Markdown line per issue */; errors: string[]; issues: ConfigIssue[]; sha?: string };

/** What one read of the file found: its text, or its size when GitHub left the content out. */
type ConfigFile = { text: string; sha: string } | { tooLarge: number; sha: string };

/** The file's text and blob sha in one call (JSON form, base64 content); undefined when absent. */
async function readConfigFile(
  octokit: GithubClient,
  { owner, repo, ref }: RepoRef & { ref?: string },
): Promise<ConfigFile | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: configFilePath,
      ...(ref === undefined ? {} : { ref }),
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    // past 1 MB GitHub leaves the content out (`encoding: none`): not an empty file, whose defaults
    // would drop the owners and the pause; too large, whatever it says
    if (data.encoding === "none") return { tooLarge: data.size ?? maxConfigBytes + 1, sha: data.sha };
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
  const file = await readConfigFile(octokit, options);
  if (file !== undefined && "tooLarge" in file) {
    const issue = tooLargeIssue(file.tooLarge);
    return { ok: false, errors: [formatConfigIssues([issue], configFilePath)], issues: [issue], sha: file.sha };
  }
  return repoConfigFrom(file);
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

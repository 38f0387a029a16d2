import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * README and docs/architecture.md say handlers reach GitHub only through `src/github` (the
 * `GitHubPort`): this keeps it true. Outside src/github, no file calls Octokit itself or takes its
 * client type. Exempt, because they build their own clients for what is not a handler's job: the
 * CLI (`autopilot doctor` reads a repository with a token), the server entry (`src/main.ts`), the
 * sandbox (the test double of GitHub) and the demo (people acting on the sandbox).
 */
const root = join(import.meta.dirname, "../..");
const exempt = [/^src\/github\//, /^src\/cli\//, /^src\/main\.ts$/, /^src\/sandbox\//, /^src\/demo\//];

const direct: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /\.rest\.\w+\.\w+/, what: "calls Octokit's REST methods (`.rest.`)" },
  { pattern: /\.paginate\(/, what: "paginates with Octokit (`.paginate(`)" },
  { pattern: /\.graphql\(/, what: "sends GraphQL with Octokit (`.graphql(`)" },
  { pattern: /\boctokit\)?\.request\(/i, what: "sends a raw Octokit request (`.request(`)" },
  { pattern: /import[^;]*\bGithubClient\b[^;]*from/, what: "imports `GithubClient`" },
];

/** Where a webhook's client becomes the port: the one place in src/handlers that reads `context.octokit`. */
const portBuilder = "src/handlers/repo-context.ts";

/** The text without comments: a comment may name Octokit's methods to explain the port. */
const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

/** Each way a file reaches GitHub around the port, as `path:line what`. */
function githubCallsOutsidePort(path: string, text: string): string[] {
  if (exempt.some((pattern) => pattern.test(path))) return [];
  const found: string[] = [];
  code(text)
    .split("\n")
    .forEach((line, index) => {
      for (const { pattern, what } of direct) if (pattern.test(line)) found.push(`${path}:${index + 1} ${what}`);
      // a handler that hands Probot's client to anything, even an adapter of src/github, goes around the port
      if (path.startsWith("src/handlers/") && path !== portBuilder && /\.octokit\b/.test(line)) {
        found.push(`${path}:${index + 1} uses the webhook's Octokit (\`.octokit\`)`);
      }
    });
  return found;
}

const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });

describe("handlers reach GitHub only through src/github", () => {
  it("no file under src/ outside src/github (and the exempt CLI, server entry, sandbox, demo) calls Octokit", () => {
    const found = sources("src").flatMap((path) =>
      githubCallsOutsidePort(path, readFileSync(join(root, path), "utf8")),
    );
    expect(found).toEqual([]);
  });

  it("finds code outside src/github that calls Octokit directly, or takes its client", () => {
    const handler = [
      'import type { GithubClient } from "../github/index.js";',
      "export async function closeIssue(ctx: { octokit: GithubClient }, number: number) {",
      "  // octokit.rest.issues.update in a comment is fine",
      '  await ctx.octokit.rest.issues.update({ owner: "acme", repo: "widgets", issue_number: number, state: "closed" });',
      "  const all = await ctx.octokit.paginate(ctx.octokit.rest.issues.listForRepo, {});",
      '  await ctx.octokit.graphql("mutation { x }");',
      '  await ctx.octokit.request("GET /app");',
      "  return all;",
      "}",
    ].join("\n");
    expect(githubCallsOutsidePort("src/work/close-issue.ts", handler)).toEqual([
      "src/work/close-issue.ts:1 imports `GithubClient`",
      "src/work/close-issue.ts:4 calls Octokit's REST methods (`.rest.`)",
      "src/work/close-issue.ts:5 calls Octokit's REST methods (`.rest.`)",
      "src/work/close-issue.ts:5 paginates with Octokit (`.paginate(`)",
      "src/work/close-issue.ts:6 sends GraphQL with Octokit (`.graphql(`)",
      "src/work/close-issue.ts:7 sends a raw Octokit request (`.request(`)",
    ]);
    // the same code is where it belongs in src/github, and the CLI builds its own client
    expect(githubCallsOutsidePort("src/github/close-issue.ts", handler)).toEqual([]);
    expect(githubCallsOutsidePort("src/cli/commands/doctor.ts", handler)).toEqual([]);
  });

  it("finds a handler that hands the webhook's Octokit to an adapter instead of using ctx.github", () => {
    const handler = "if (run.app?.id !== (await ownAppId(context.octokit))) return;";
    expect(githubCallsOutsidePort("src/handlers/gates/register-gates.ts", handler)).toEqual([
      "src/handlers/gates/register-gates.ts:1 uses the webhook's Octokit (`.octokit`)",
    ]);
    expect(
      githubCallsOutsidePort("src/handlers/repo-context.ts", "github: octokitPort(context.octokit, { owner, repo }),"),
    ).toEqual([]);
  });

  it("sees through no exemption by name alone: src/githubby is not src/github", () => {
    expect(githubCallsOutsidePort("src/githubby/x.ts", "await octokit.graphql(q);")).toHaveLength(1);
  });
});

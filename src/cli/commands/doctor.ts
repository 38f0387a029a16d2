import { parseArgs } from "node:util";
import { ProbotOctokit } from "probot";
import { defaultConfig } from "../../config/index.js";
import { judgeMergeMethod, judgeMergeQueueChecks, type DoctorCheck } from "../../core/doctor/index.js";
import type { MergeMethodFacts } from "../../core/merge/index.js";
import type { CliIo } from "../io.js";
import { parseFormat } from "../parse-format.js";
import { UsageError } from "../usage-error.js";
import { doctorUsage } from "../command-usages.js";
import { appCredentials, checkApp, type InstallationFacts } from "../doctor/app-checks.js";
import {
  branchRules,
  checkProtection,
  checkStateBranch,
  checkStateRules,
  checkTaskBranchRules,
  mergeSettingsOf,
} from "../doctor/branch-checks.js";
import { statusOf, type Target } from "../doctor/doctor-target.js";
import { checkOwners } from "../doctor/owner-checks.js";
import { checkConfig, checkDefaultBranch, checkDispatch, checkLabels } from "../doctor/repository-checks.js";

export { doctorUsage };

/** Where the app keeps its state when the configuration does not say (`state_branch`). */
export const defaultStateBranch = defaultConfig().state_branch;

function renderTable(rows: readonly DoctorCheck[]): string {
  const checkWidth = Math.max(5, ...rows.map((row) => row.check.length));
  const pad = (text: string, width: number) => text.padEnd(width);
  const lines = [`${pad("CHECK", checkWidth)}  RESULT  ADVICE`];
  for (const row of rows) {
    const [first = "", ...rest] = row.advice.split("\n");
    lines.push(`${pad(row.check, checkWidth)}  ${pad(row.result, 6)}  ${first}`);
    for (const line of rest) lines.push(`${" ".repeat(checkWidth + 10)}${line}`);
  }
  return `${lines.join("\n")}\n`;
}

export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      repo: { type: "string" },
      "api-url": { type: "string", default: "https://api.github.com" },
      "token-env": { type: "string", default: "GITHUB_TOKEN" },
      format: { type: "string", default: "text" },
      "app-id": { type: "string" },
      "private-key-file": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(`${doctorUsage}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const format = parseFormat(values.format);
  if (!values.repo) {
    throw new UsageError("--repo is required: name the repository as OWNER/NAME, e.g. --repo acme/widgets");
  }
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(values.repo);
  if (!match) throw new UsageError(`--repo must be OWNER/NAME, e.g. acme/widgets, not "${values.repo}"`);
  const tokenEnv = values["token-env"];
  const env = io.env ?? process.env;
  const token = env[tokenEnv];
  if (!token) throw new UsageError(`no token: set ${tokenEnv} to a GitHub token that can read ${values.repo}`);
  const apiUrl = values["api-url"];
  try {
    new URL(apiUrl);
  } catch {
    throw new UsageError(`--api-url must be a URL, e.g. https://api.github.com, not "${apiUrl}"`);
  }
  const app = await appCredentials(values, env);

  const octokit = new ProbotOctokit({
    auth: { token },
    baseUrl: apiUrl.replace(/\/$/, ""),
    throttle: { enabled: false },
    retry: { enabled: false },
    request: { retries: 0 },
  } as ConstructorParameters<typeof ProbotOctokit>[0]);
  const target: Target = { octokit, owner: match[1] ?? "", repo: match[2] ?? "" };

  let branch: string;
  let mergeSettings: MergeMethodFacts["settings"] | undefined;
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}", { owner: target.owner, repo: target.repo });
    branch = data.default_branch;
    mergeSettings = await mergeSettingsOf(target, data);
  } catch (error) {
    const status = statusOf(error);
    const why =
      status === 401
        ? `the token in ${tokenEnv} is not accepted`
        : status === 404
          ? "no such repository, or the token cannot see it"
          : (error as Error).message;
    io.stderr(`autopilot doctor: cannot read ${values.repo} at ${apiUrl}: ${why}\n`);
    return 1;
  }

  const rows: DoctorCheck[] = [];
  const { row, config } = await checkConfig(target, branch);
  rows.push(row);
  if (config) {
    const dispatch = await checkDispatch(target, branch, config);
    if (dispatch) rows.push(dispatch);
  }
  rows.push(await checkLabels(target, config));
  const owners = await checkOwners(target, config);
  if (owners) rows.push(owners);
  const stateBranch = config?.state_branch ?? defaultStateBranch;
  rows.push(...(await checkProtection(target, branch, stateBranch, app?.appId)));
  if (stateBranch !== branch) {
    rows.push(await checkStateBranch(target, stateBranch, branch));
    rows.push(...(await checkStateRules(target, stateBranch, app?.appId)));
  }
  const taskRules = await checkTaskBranchRules(target, config, app?.appId);
  if (taskRules) rows.push(taskRules);
  // the default branch's rules: its merge queue, and whether the app needs `merge_queues` for it
  const defaultRules = (await branchRules(target, branch)) ?? [];
  const underMergeQueue = defaultRules.some((rule) => rule.type === "merge_queue");
  let installation: InstallationFacts | undefined;
  const appRows = await checkApp(target, app, apiUrl, {
    config,
    branch,
    mergeQueue: underMergeQueue,
    seen: (facts) => {
      installation = facts;
    },
  });
  const mergeQueue = judgeMergeQueueChecks(branch, defaultRules, installation);
  if (mergeQueue) rows.push(mergeQueue);
  const methodFacts =
    mergeSettings === undefined ? undefined : { base: branch, settings: mergeSettings, rules: defaultRules };
  if (config) rows.push(judgeMergeMethod(branch, config.merge.method, methodFacts));
  rows.push(...appRows);
  rows.push(...(await checkDefaultBranch(target, branch, config)));

  const failed = rows.some((r) => r.result === "fail");
  if (format === "json") {
    const report = { repo: values.repo, defaultBranch: branch, ok: !failed, checks: rows };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(renderTable(rows));
  }
  return failed ? 1 : 0;
}

import { readFile as readLocalFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ProbotOctokit } from "probot";
import { configFilePath, defaultConfig, formatConfigIssues, parseConfig } from "../../config/index.js";
import type { Config } from "../../config/index.js";
import {
  judgeMention,
  judgeMergeMethod,
  judgePermissions,
  judgeStateProtection,
  judgeMergeQueueChecks,
  judgeStateRules,
  judgeTaskBranchRules,
  taskBranchProbe,
  judgeWorkflow,
} from "../../core/doctor/index.js";
import type { BranchRule, DoctorCheck } from "../../core/doctor/index.js";
import type { KnownProtection, MergeMethodFacts } from "../../core/merge/index.js";
import { codeownersPaths, ownerName, parseCodeowners } from "../../core/owners/index.js";
import { configCheckName, gateNames, reviewCheckName } from "../../core/check-names.js";
import { defaultBranchRows, type HeadCheckRun, type HeadStatus } from "../../core/readiness/index.js";
import { labelDefinitions } from "../../github/label-vocabulary.js";
import type { CliIo } from "../io.js";
import { parseFormat } from "../parse-format.js";
import { UsageError } from "../usage-error.js";
import { doctorUsage } from "../command-usages.js";

export { doctorUsage };

/** The branch Autopilot keeps its queue on, pushing to it directly. */
/** Where the app keeps its state when the configuration does not say (`state_branch`). */
export const defaultStateBranch = defaultConfig().state_branch;

type Octokit = InstanceType<typeof ProbotOctokit>;

interface Target {
  octokit: Octokit;
  owner: string;
  repo: string;
}

const statusOf = (error: unknown): number | undefined => (error as { status?: number } | null)?.status;

async function readFile({ octokit, owner, repo }: Target, path: string, ref: string): Promise<string | undefined> {
  try {
    const response = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner,
      repo,
      path,
      ref,
      mediaType: { format: "raw" },
    });
    return String(response.data as unknown);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

async function checkConfig(target: Target, branch: string): Promise<{ row: DoctorCheck; config: Config | undefined }> {
  const check = `config ${configFilePath}`;
  const text = await readFile(target, configFilePath, branch);
  if (text === undefined) {
    const { config } = parseConfig("", { file: configFilePath }) as { config: Config };
    return {
      row: {
        check,
        result: "warn",
        advice: `${configFilePath} does not exist on ${branch}: the defaults apply (no agent is dispatched)`,
      },
      config,
    };
  }
  const result = parseConfig(text, { file: configFilePath });
  if (!result.ok) {
    return {
      row: {
        check,
        result: "fail",
        advice: `invalid on ${branch}:\n${formatConfigIssues(result.issues, configFilePath)}`,
      },
      config: undefined,
    };
  }
  return { row: { check, result: "ok", advice: `valid on ${branch}` }, config: result.config };
}

async function checkDispatch(target: Target, branch: string, config: Config): Promise<DoctorCheck | undefined> {
  const { dispatch } = config;
  if (dispatch.target === "mention") return judgeMention(dispatch.handle);
  if (dispatch.target !== "workflow_dispatch") return undefined;
  const path = `.github/workflows/${dispatch.workflow}`;
  const ref = dispatch.ref ?? branch;
  const text = await readFile(target, path, ref);
  if (text === undefined) {
    return {
      check: `workflow ${path}`,
      result: "fail",
      advice:
        `${path} does not exist on ${ref}, but \`dispatch.workflow\` names it: ` +
        "add the workflow there or fix `dispatch.workflow`",
    };
  }
  return judgeWorkflow(text, { path, sentInputs: Object.keys(dispatch.inputs ?? {}) });
}

async function checkLabels({ octokit, owner, repo }: Target, config: Config | undefined): Promise<DoctorCheck> {
  const check = "labels";
  const wanted = labelDefinitions(config?.labels).map((label) => label.name);
  let existing: Set<string>;
  try {
    const labels = await octokit.paginate("GET /repos/{owner}/{repo}/labels", { owner, repo, per_page: 100 });
    existing = new Set(labels.map((label) => label.name.toLowerCase()));
  } catch (error) {
    const advice = `cannot list the labels (HTTP ${statusOf(error) ?? "error"}): ${(error as Error).message}`;
    return { check, result: "warn", advice };
  }
  const missing = wanted.filter((name) => !existing.has(name.toLowerCase()));
  if (!missing.length) return { check, result: "ok", advice: `all ${wanted.length} labels Autopilot uses exist` };
  return {
    check,
    result: "warn",
    advice: `missing: ${missing.join(", ")}; the app creates them on first use (it needs the issues write permission)`,
  };
}

async function checkProtection(
  { octokit, owner, repo }: Target,
  branch: string,
  stateBranch: string,
): Promise<DoctorCheck> {
  const check = `branch protection of ${branch}`;
  const stateHere = stateBranch === branch;
  let protection: {
    required_pull_request_reviews?: unknown;
    required_status_checks?: unknown;
    lock_branch?: { enabled?: boolean };
  };
  try {
    const route = "GET /repos/{owner}/{repo}/branches/{branch}/protection";
    const response = await octokit.request(route, { owner, repo, branch });
    protection = response.data as typeof protection;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) {
      const advice = stateHere
        ? `${branch} is not protected: Autopilot can commit its state (state_branch: ${branch}) to it`
        : `${branch} is not protected; Autopilot works either way (it never pushes to ${branch}), but protecting it is wise`;
      return { check, result: "ok", advice };
    }
    if (status === 403) {
      const advice = `cannot read the protection of ${branch} (needs admin rights): run doctor as an admin`;
      return { check, result: "warn", advice };
    }
    throw error;
  }
  const blocks = [
    protection.required_pull_request_reviews ? "requires pull requests" : undefined,
    protection.required_status_checks ? "requires status checks on every commit" : undefined,
    protection.lock_branch?.enabled ? "is locked" : undefined,
  ].filter((reason) => reason !== undefined);
  if (!stateHere) {
    const what = blocks.length ? blocks.join(" and ") : "is protected";
    const advice =
      `${branch} ${what}: fine. Autopilot keeps its state on ${stateBranch} and lands its records through a pull ` +
      "request; a task PR merges when protection is satisfied, and the PR says what it waits for";
    return { check, result: "ok", advice };
  }
  if (!blocks.length) {
    const advice = `${branch} is protected but accepts direct pushes: Autopilot's state commits (state_branch: ${branch}) still land`;
    return { check, result: "warn", advice };
  }
  return {
    check,
    result: "fail",
    advice:
      `${branch} ${blocks.join(" and ")}, but the configuration sets state_branch: ${branch}, so Autopilot commits its ` +
      `queue (ops/queue.jsonl) directly to it: those commits are refused and tasks stall. Remove state_branch from ` +
      `.github/autopilot.yml (the default, autopilot/state, is a branch of the app's own)`,
  };
}

/**
 * The state branch's protection, judged by the same function as the app's readiness row
 * (`judgeStateProtection`), so doctor and the dashboard never disagree. Only an admin can read it.
 */
async function checkStateBranch(
  { octokit, owner, repo }: Target,
  stateBranch: string,
  defaultBranch: string,
): Promise<DoctorCheck> {
  let known: KnownProtection;
  try {
    const route = "GET /repos/{owner}/{repo}/branches/{branch}/protection";
    await octokit.request(route, { owner, repo, branch: stateBranch });
    known = { kind: "summary", protected: true, requiredChecks: [] };
  } catch (error) {
    const status = statusOf(error);
    if (status === 403) {
      const advice = `cannot read the protection of ${stateBranch} (needs admin rights): run doctor as an admin`;
      return { check: `branch protection of ${stateBranch}`, result: "warn", advice };
    }
    if (status !== 404) throw error;
    // a branch that does not exist yet: a rule whose pattern matches it cannot be read until it does
    known = /branch not found/i.test((error as Error).message)
      ? { kind: "unknown" }
      : { kind: "summary", protected: false, requiredChecks: [] };
  }
  return judgeStateProtection(stateBranch, defaultBranch, known);
}

/** The repository's merge settings; undefined when GitHub left them out (a token without push access). */
function mergeSettingsOf(data: {
  allow_merge_commit?: boolean;
  allow_squash_merge?: boolean;
  allow_rebase_merge?: boolean;
}): MergeMethodFacts["settings"] | undefined {
  const { allow_merge_commit: merge, allow_squash_merge: squash, allow_rebase_merge: rebase } = data;
  if (merge === undefined || squash === undefined || rebase === undefined) return undefined;
  return { mergeCommitAllowed: merge, squashMergeAllowed: squash, rebaseMergeAllowed: rebase };
}

/** GitHub's rules for `branch`; undefined when it has no rulesets (404, GitHub Enterprise Server) or hides them (403). */
async function branchRules({ octokit, owner, repo }: Target, branch: string): Promise<BranchRule[] | undefined> {
  try {
    const route = "GET /repos/{owner}/{repo}/rules/branches/{branch}";
    return (await octokit.request(route, { owner, repo, branch, per_page: 100 })).data as BranchRule[];
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 403) return undefined;
    throw error;
  }
}

/** The rulesets on the state branch; none when GitHub (or a GitHub Enterprise Server without them) answers 404. */
async function checkStateRules(target: Target, stateBranch: string): Promise<DoctorCheck | undefined> {
  const rules = await branchRules(target, stateBranch);
  return rules === undefined ? undefined : judgeStateRules(stateBranch, rules);
}

/** The rulesets on task branches (GitHub's rules for a task branch's name); none where GitHub answers 404. */
async function checkTaskBranchRules(target: Target, config: Config | undefined): Promise<DoctorCheck | undefined> {
  const prefix = config?.branch_prefix ?? defaultConfig().branch_prefix;
  const rules = await branchRules(target, taskBranchProbe(prefix));
  const deleteBranch = config?.merge.delete_branch ?? defaultConfig().merge.delete_branch;
  return rules === undefined ? undefined : judgeTaskBranchRules(prefix, rules, { deleteBranch });
}

/** What an installation grants and which events it hears (`GET /repos/{owner}/{repo}/installation`). */
interface InstallationFacts {
  permissions?: Record<string, string>;
  events?: string[];
}

interface AppCredentials {
  appId: string;
  privateKey: string;
}

async function appCredentials(
  values: { "app-id"?: string; "private-key-file"?: string },
  env: NodeJS.ProcessEnv,
): Promise<AppCredentials | undefined> {
  const appId = values["app-id"] ?? env.APP_ID;
  const keyFile = values["private-key-file"] ?? env.PRIVATE_KEY_PATH;
  if (values["private-key-file"] !== undefined && values["app-id"] === undefined && env.APP_ID === undefined) {
    throw new UsageError("--private-key-file needs --app-id: the id of the app the key belongs to");
  }
  if (appId === undefined) return undefined;
  if (!/^\d+$/.test(appId)) throw new UsageError(`--app-id (or APP_ID) must be the app's numeric id, not "${appId}"`);
  let privateKey = keyFile === undefined ? env.PRIVATE_KEY : undefined;
  if (keyFile !== undefined) {
    try {
      privateKey = await readLocalFile(keyFile, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read the private key ${keyFile}: ${(error as Error).message}`);
    }
  }
  if (!privateKey) {
    const where = "--private-key-file PATH (or PRIVATE_KEY / PRIVATE_KEY_PATH)";
    throw new UsageError(`--app-id needs the app's private key: ${where}`);
  }
  return { appId, privateKey: privateKey.replace(/\\n/g, "\n") };
}

async function codeownerTeams(target: Target, branch: string): Promise<string[]> {
  for (const path of codeownersPaths) {
    const text = await readFile(target, path, branch);
    if (text === undefined) continue;
    const { rules } = parseCodeowners(text, path);
    const teams = rules.flatMap((rule) => rule.owners.filter((owner) => owner.kind === "team"));
    return [...new Set(teams.map(ownerName))];
  }
  return [];
}

async function checkApp(
  target: Target,
  app: AppCredentials | undefined,
  apiUrl: string,
  context: {
    config: Config | undefined;
    branch: string;
    mergeQueue: boolean;
    /** told what the installation grants and hears, once read */
    seen?: (installation: InstallationFacts) => void;
  },
): Promise<DoctorCheck[]> {
  const check = "app permissions";
  if (!app) {
    const advice =
      `not checked: GitHub shows an installation's permissions only to the app itself. Pass --app-id and ` +
      "--private-key-file (or set APP_ID and PRIVATE_KEY_PATH) to check them";
    return [{ check, result: "warn", advice }];
  }
  const octokit = new ProbotOctokit({
    auth: { appId: Number(app.appId), privateKey: app.privateKey },
    baseUrl: apiUrl.replace(/\/$/, ""),
    throttle: { enabled: false },
    retry: { enabled: false },
    request: { retries: 0 },
  } as ConstructorParameters<typeof ProbotOctokit>[0]);
  let installation: InstallationFacts & { html_url?: string };
  try {
    const route = "GET /repos/{owner}/{repo}/installation";
    const response = await octokit.request(route, { owner: target.owner, repo: target.repo });
    installation = response.data as typeof installation;
  } catch (error) {
    const status = statusOf(error);
    const repo = `${target.owner}/${target.repo}`;
    if (status === 404) {
      const advice =
        `app ${app.appId} is not installed on ${repo}: install it on the repository ` +
        "(the app's public page → Install, or add the repository to the installation's selected ones)";
      return [{ check, result: "fail", advice }];
    }
    if (status === 401) {
      const why = (error as Error).message;
      const advice = `GitHub refuses app ${app.appId}'s credentials (${why}): check the app id and its private key`;
      return [{ check, result: "fail", advice }];
    }
    throw error;
  }
  context.seen?.(installation);
  const dispatchesWorkflows = context.config?.dispatch.target === "workflow_dispatch";
  return judgePermissions({
    granted: installation.permissions ?? {},
    ...(installation.events && { events: installation.events }),
    dispatchesWorkflows,
    mergeQueue: context.mergeQueue,
    codeownerTeams: await codeownerTeams(target, context.branch),
    ...(installation.html_url && { settingsUrl: installation.html_url }),
  });
}

const ownChecks = new Set<string>([...gateNames, reviewCheckName, configCheckName]);

/**
 * CI on the default branch's head and `readiness.required_checks`, judged by the function the app's
 * readiness gate uses (`defaultBranchRows`): a failing row here is a task the app holds.
 */
async function checkDefaultBranch({ octokit, owner, repo }: Target, branch: string, config: Config | undefined) {
  let headSha: string;
  try {
    const route = "GET /repos/{owner}/{repo}/branches/{branch}";
    headSha = (await octokit.request(route, { owner, repo, branch })).data.commit.sha;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
    return [{ check: `CI on ${branch}`, result: "warn" as const, advice: `${branch} has no commit yet` }];
  }
  const statusRoute = "GET /repos/{owner}/{repo}/commits/{ref}/statuses";
  const statuses = (await octokit.paginate(statusRoute, { owner, repo, ref: headSha, per_page: 100 })) as HeadStatus[];
  const runsRoute = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
  const runs = (await octokit.request(runsRoute, { owner, repo, ref: headSha, per_page: 100 })).data
    .check_runs as HeadCheckRun[];
  const facts = { defaultBranch: branch, headSha, statuses, runs, ownCheck: (name: string) => ownChecks.has(name) };
  const { rows } = defaultBranchRows(facts, config?.readiness.required_checks ?? [], config?.agent_accounts ?? []);
  return rows.map(
    (row): DoctorCheck => ({
      check: row.check,
      result: row.result,
      advice: `${row.detail} (expected: ${row.expected})`,
    }),
  );
}

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
    mergeSettings = mergeSettingsOf(data);
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
  const stateBranch = config?.state_branch ?? defaultStateBranch;
  rows.push(await checkProtection(target, branch, stateBranch));
  if (stateBranch !== branch) {
    rows.push(await checkStateBranch(target, stateBranch, branch));
    const stateRules = await checkStateRules(target, stateBranch);
    if (stateRules) rows.push(stateRules);
  }
  const taskRules = await checkTaskBranchRules(target, config);
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

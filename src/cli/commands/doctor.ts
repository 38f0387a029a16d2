import { parseArgs } from "node:util";
import { ProbotOctokit } from "probot";
import { configFilePath, formatConfigIssues, parseConfig } from "../../config/index.js";
import type { Config } from "../../config/index.js";
import { judgeWorkflow } from "../../core/doctor/index.js";
import type { DoctorCheck } from "../../core/doctor/index.js";
import { labelDefinitions } from "../../github/label-vocabulary.js";
import type { CliIo } from "../io.js";
import { parseFormat } from "../parse-format.js";
import { UsageError } from "../usage-error.js";

export const doctorUsage = `autopilot doctor --repo OWNER/NAME [--api-url URL] [--token-env NAME] [--format text|json]
  Check a repository's setup for Autopilot on GitHub: configuration, dispatch workflow, labels,
  default branch protection; each failure with advice. The token comes from GITHUB_TOKEN (or --token-env).
  Exit 0 when no check fails, 1 when one fails, 2 on usage errors.`;

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

async function checkProtection({ octokit, owner, repo }: Target, branch: string): Promise<DoctorCheck> {
  const check = `branch protection of ${branch}`;
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
      return { check, result: "ok", advice: `${branch} is not protected: Autopilot can commit ops/queue.jsonl to it` };
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
  if (!blocks.length) {
    const advice = `${branch} is protected but accepts direct pushes: Autopilot's queue commits still land`;
    return { check, result: "warn", advice };
  }
  return {
    check,
    result: "fail",
    advice:
      `${branch} ${blocks.join(" and ")}, but Autopilot commits its queue (ops/queue.jsonl) directly to the default ` +
      `branch, so those commits are refused and tasks stall. Until Autopilot keeps its state on a branch of its own, ` +
      `leave ${branch} without required pull requests or checks, or let the app bypass them`,
  };
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
  const token = (io.env ?? process.env)[tokenEnv];
  if (!token) throw new UsageError(`no token: set ${tokenEnv} to a GitHub token that can read ${values.repo}`);
  const apiUrl = values["api-url"];
  try {
    new URL(apiUrl);
  } catch {
    throw new UsageError(`--api-url must be a URL, e.g. https://api.github.com, not "${apiUrl}"`);
  }

  const octokit = new ProbotOctokit({
    auth: { token },
    baseUrl: apiUrl.replace(/\/$/, ""),
    throttle: { enabled: false },
    retry: { enabled: false },
    request: { retries: 0 },
  } as ConstructorParameters<typeof ProbotOctokit>[0]);
  const target: Target = { octokit, owner: match[1] ?? "", repo: match[2] ?? "" };

  let branch: string;
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}", { owner: target.owner, repo: target.repo });
    branch = data.default_branch;
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
  rows.push(await checkProtection(target, branch));

  const failed = rows.some((r) => r.result === "fail");
  if (format === "json") {
    const report = { repo: values.repo, defaultBranch: branch, ok: !failed, checks: rows };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(renderTable(rows));
  }
  return failed ? 1 : 0;
}

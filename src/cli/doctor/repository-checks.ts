import type { Config } from "../../config/index.js";
import { configFilePath, formatConfigIssues, parseConfig } from "../../config/index.js";
import { configCheckName, gateNames, reviewCheckName } from "../../core/check-names.js";
import { judgeMention, judgeWorkflow, type DoctorCheck } from "../../core/doctor/index.js";
import { defaultBranchRows, type HeadCheckRun, type HeadStatus } from "../../core/readiness/index.js";
import { labelDefinitions } from "../../github/label-vocabulary.js";
import { readFile, statusOf, type Target } from "./doctor-target.js";

export async function checkConfig(
  target: Target,
  branch: string,
): Promise<{ row: DoctorCheck; config: Config | undefined }> {
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

export async function checkDispatch(target: Target, branch: string, config: Config): Promise<DoctorCheck | undefined> {
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

export async function checkLabels({ octokit, owner, repo }: Target, config: Config | undefined): Promise<DoctorCheck> {
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

const ownChecks = new Set<string>([...gateNames, reviewCheckName, configCheckName]);

/**
 * CI on the default branch's head and `readiness.required_checks`, judged by the function the app's
 * readiness gate uses (`defaultBranchRows`): a failing row here is a task the app holds.
 */
export async function checkDefaultBranch({ octokit, owner, repo }: Target, branch: string, config: Config | undefined) {
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

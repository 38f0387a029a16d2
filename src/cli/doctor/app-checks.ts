import { readFile as readLocalFile } from "node:fs/promises";
import { ProbotOctokit } from "probot";
import type { Config } from "../../config/index.js";
import { judgePermissions, type DoctorCheck } from "../../core/doctor/index.js";
import { codeownersPaths, ownerName, parseCodeowners } from "../../core/owners/index.js";
import { UsageError } from "../usage-error.js";
import { readFile, statusOf, type Target } from "./doctor-target.js";

/** What an installation grants and which events it hears (`GET /repos/{owner}/{repo}/installation`). */
export interface InstallationFacts {
  permissions?: Record<string, string>;
  events?: string[];
}

export interface AppCredentials {
  appId: string;
  privateKey: string;
}

export async function appCredentials(
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

export async function checkApp(
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

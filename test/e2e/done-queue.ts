/** A state branch as a team leaves it after months of Autopilot: hundreds of done tasks in the queue. */
import { createHash } from "node:crypto";
import {
  addTask,
  applyTransition,
  parseQueue,
  serializePauseRecord,
  serializeQueue,
  type QueueDocument,
  type TransitionEvent,
} from "../../src/core/queue/index.js";
import type { AppHarness } from "./app-harness.js";

const areas = ["widgets", "billing", "search", "übersetzung", "reports", "auth"];
const sha = (seed: string): string => createHash("sha1").update(seed).digest("hex");
/** A webhook delivery id, shaped as GitHub's (a UUID). */
const delivery = (seed: string): string => {
  const digits = sha(seed);
  return [
    digits.slice(0, 8),
    digits.slice(8, 12),
    digits.slice(12, 16),
    digits.slice(16, 20),
    digits.slice(20, 32),
  ].join("-");
};
const hoursAfter = (start: number, hours: number): string =>
  new Date(Date.UTC(2026, 0, 5) + (start + hours) * 3_600_000).toISOString().replace(".000Z", "Z");

function moved(doc: QueueDocument, event: TransitionEvent): QueueDocument {
  const result = applyTransition(doc, event);
  if (!result.ok) throw new Error(result.reason);
  return result.doc;
}

/**
 * The `n`th done task (issue `2n + 1`, its pull request `2n + 2`): its spec as recorded at
 * dispatch, the agent's workflow run, a review sent back once in two, the merge. Built with the
 * app's own queue functions, so each line is what the app would have written (about 2 KB).
 */
function addDoneTask(doc: QueueDocument, n: number): QueueDocument {
  const issue = 2 * n + 1;
  const pr = issue + 1;
  const area = areas[n % areas.length]!;
  const id = `T-${issue}`;
  const title = `Paginate the ${area} list ${n}: 50 per page, stable order, cursor in the “next” link`;
  const created = addTask(
    doc,
    {
      id,
      issue,
      title,
      status: "in_progress",
      branch: `autopilot/${id}-paginate-the-${area}-list-${n}`,
      pr,
      scope: [`src/${area}/**`, `test/${area}/**`, `docs/${area}.md`],
      forbidden: ["src/auth/keys/**", ".github/**"],
      budget: { files: 20, lines: 600 },
      risk: n % 4 === 0 ? "medium" : "low",
      mode: "full",
      refs: [`NT-${String(12 + (n % 40)).padStart(4, "0")}`],
      acceptance: [
        `GET /${area} returns 50 items per page, ordered by creation time, newest first`,
        `the response's Link header names the next page with an opaque cursor, and no next page on the last`,
        `a page past the end answers 200 with an empty list, not 404`,
        `per_page above 100 is refused with 422 and a message naming the limit`,
        `the ${area} page in the docs shows the cursor and an example of following it`,
      ],
      tests: [`npm test -- ${area}/paginate`, `npm run test:e2e -- ${area}`, "npm run lint"],
      item: `${1 + (n % 5)}.${1 + (n % 7)}`,
      dispatched_at: hoursAfter(n, 0),
    },
    {
      actor: "octocat",
      reason: "spec complete: task branch and draft PR",
      delivery: delivery(`${n} labeled`),
      at: hoursAfter(n, 0),
    },
  );
  if (!created.ok) throw new Error(created.reason);
  const run = { id: 9_100_000 + n, url: `https://github.com/acme/widgets/actions/runs/${9_100_000 + n}` };
  let next = moved(created.doc, {
    taskId: id,
    to: "in_progress",
    actor: "autopilot[bot]",
    reason: `agent run ${run.id} started: ${run.url}`,
    delivery: delivery(`${n} run`),
    at: hoursAfter(n, 1),
    patch: { agent_run: { ...run, attempt: 1, conclusion: "success" } },
    record: true,
  });
  const review = (hours: number, seed: string): TransitionEvent => ({
    taskId: id,
    to: "review",
    actor: "autopilot[bot]",
    reason: `#${pr} is ready for review`,
    delivery: delivery(seed),
    at: hoursAfter(n, hours),
  });
  next = moved(next, review(3, `${n} ready`));
  if (n % 2 === 0) {
    next = moved(next, {
      taskId: id,
      to: "in_progress",
      actor: "autopilot[bot]",
      reason: `review of #${pr}: changes requested (an empty page answers 404)`,
      delivery: delivery(`${n} review`),
      at: hoursAfter(n, 4),
    });
    next = moved(next, review(6, `${n} ready again`));
  }
  const mergeSha = sha(`${n} merge commit`);
  return moved(next, {
    taskId: id,
    to: "done",
    actor: "autopilot[bot]",
    reason: `merged in #${pr} as ${mergeSha.slice(0, 7)}`,
    delivery: delivery(`${n} merged`),
    at: hoursAfter(n, 8),
    patch: { merge_sha: mergeSha },
  });
}

/** `ops/queue.jsonl` holding `count` done tasks, issues 1, 3, 5, …; the next free issue number is `2 * count + 1`. */
export function doneQueue(count: number): string {
  let doc = parseQueue("").doc;
  for (let n = 0; n < count; n += 1) doc = addDoneTask(doc, n);
  return serializeQueue(doc);
}

/**
 * Puts `queue` on a new `autopilot/state` branch as the app's own first commit lays it out (no
 * parent, the state files, no pause), straight into the sandbox's git: the branch was there
 * before this test began, so no webhook announces it. Issue and PR numbers go on after the
 * queue's, as in the repository that wrote it.
 */
export async function seedStateBranch(h: AppHarness, queue: string, nextNumber: number): Promise<string> {
  const { git } = h.sandbox.repo;
  const files: Record<string, string> = {
    "README.md": "# Autopilot's state\n",
    "ops/queue.jsonl": queue,
    "ops/decisions.jsonl": "",
    "ops/model-decisions.jsonl": "",
    "ops/pause.json": serializePauseRecord({ paused: false }),
  };
  const tree = await git.createTree(
    Object.entries(files).map(([path, content]) => ({ path, mode: "100644" as const, type: "blob" as const, content })),
  );
  const commit = await git.createCommit({
    message: "autopilot: state branch autopilot/state",
    tree: tree.sha,
    parents: [],
  });
  await git.createRef("refs/heads/autopilot/state", commit.sha);
  h.sandbox.repo.nextNumber = nextNumber;
  return commit.sha;
}

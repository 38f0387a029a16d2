import { join } from "node:path";
import type { Sandbox } from "@autopilot/github-sandbox";
import type { Transcript } from "./transcript.js";

/**
 * How to look around a sandbox the demo left running: the sandbox serves the REST API only (no
 * git over HTTP), so the repository is cloned from its bare repository on disk.
 */
export function printLookAround(sandbox: Sandbox, transcript: Transcript): void {
  const api = sandbox.apiUrl;
  const token = sandbox.userToken();
  const bare = join(sandbox.dataDir, "repos", "acme", "widgets.git");
  transcript.heading("Look around", "the sandbox keeps running until Ctrl-C");
  transcript.line(`  API:   ${api}   (acme/widgets; the token below acts as octocat, the owner)`);
  transcript.line(
    `  git:   git clone ${bare} widgets   (the sandbox serves no git over HTTP; this is its bare repository)`,
  );
  transcript.line("  curl:");
  transcript.line(`    export TOKEN=${token}`);
  transcript.line(`    curl -s -H "authorization: token $TOKEN" "${api}/repos/acme/widgets/issues?state=all"`);
  transcript.line(`    curl -s -H "authorization: token $TOKEN" "${api}/repos/acme/widgets/pulls?state=all"`);
  transcript.line(
    `    curl -s -H "authorization: token $TOKEN" -H "accept: application/vnd.github.raw" "${api}/repos/acme/widgets/contents/ops/queue.jsonl?ref=autopilot/state"`,
  );
  transcript.line(
    `    curl -s -H "authorization: token $TOKEN" -H "accept: application/vnd.github.raw" "${api}/repos/acme/widgets/contents/docs/PROGRESS.md?ref=autopilot/records"`,
  );
  transcript.line(
    `    curl -s -X POST -H "authorization: token $TOKEN" -d '{"title":"Export widgets as CSV","labels":["autopilot"]}' "${api}/repos/acme/widgets/issues"`,
  );
  transcript.line(
    "  Autopilot is still connected: label an issue and watch it answer. Ctrl-C stops both and removes the data.",
  );
}

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

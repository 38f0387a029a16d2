import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { probotAppPort, type SkippedInstallation } from "../../src/github/index.js";

const listInstallations = async () => undefined;
const listReposAccessibleToInstallation = async () => undefined;

/**
 * Probot's app as far as the listing uses it: its JWT client lists the installations, each
 * installation's client lists its repositories (`reposOf`: an array, or an error thrown).
 */
function appWith(
  installations: { id: number; suspended_at: string | null }[],
  reposOf: (id: number) => unknown,
): Probot {
  const client = (id: number | undefined) => ({
    rest: { apps: { listInstallations, listReposAccessibleToInstallation } },
    paginate: async (method: unknown) => {
      if (method === listInstallations) return installations;
      const repos = reposOf(id!);
      if (repos instanceof Error) throw repos;
      return repos;
    },
  });
  return { auth: async (id?: number) => client(id) } as unknown as Probot;
}

const repo = (name: string) => ({ owner: { login: "acme" }, name, default_branch: "main", archived: false });

describe("the app's listing of its repositories", () => {
  it("leaves a suspended installation out without asking for its token, and goes on past one that fails", async () => {
    const asked: number[] = [];
    const app = appWith(
      [
        { id: 1, suspended_at: "2026-12-01T00:00:00Z" },
        { id: 2, suspended_at: null },
        { id: 3, suspended_at: null },
      ],
      (id) => {
        asked.push(id);
        return id === 2
          ? Object.assign(new Error("Server Error"), { status: 502 })
          : [repo("widgets"), repo("gadgets")];
      },
    );
    const skipped: SkippedInstallation[] = [];
    const listed: string[] = [];
    for await (const item of probotAppPort(app).repositories((skip) => skipped.push(skip)))
      listed.push(`${item.owner}/${item.repo}`);
    expect(listed).toEqual(["acme/widgets", "acme/gadgets"]);
    expect(asked).toEqual([2, 3]);
    expect(skipped.map(({ id, reason }) => [id, reason])).toEqual([
      [1, "suspended"],
      [2, "failed"],
    ]);
    expect((skipped[1]!.error as { status?: number }).status).toBe(502);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { graphqlOperationId, loadGithubDescription } from "../../src/http/index.js";
import { registerRestHandlers, type RestContext } from "../../src/rest/index.js";

function testSources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

const camel = (text: string): string => text.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Every operation the sandbox implements is called by some test, through Octokit's method
 * (`rest.issues.addLabels`) or its route (`"POST /repos/{owner}/{repo}/issues/{issue_number}/labels"`):
 * a handler added without a test fails here.
 */
describe("sandbox REST coverage", () => {
  it("every registered operation is exercised by a test", () => {
    const registered: string[] = [];
    registerRestHandlers({ register: (operationId) => void registered.push(operationId) }, {} as RestContext);
    const description = loadGithubDescription();
    const sources = testSources(join(import.meta.dirname, ".."));
    const untested = registered.filter((operationId) => {
      if (operationId === graphqlOperationId) return !sources.includes(".graphql(");
      const [namespace = "", name = ""] = operationId.split("/");
      const described = description.operations.get(operationId);
      const route = described ? `${described.method.toUpperCase()} ${described.template}` : undefined;
      return (
        !sources.includes(`rest.${camel(namespace)}.${camel(name)}(`) && !(route && sources.includes(`"${route}"`))
      );
    });
    expect(registered.length).toBeGreaterThan(90);
    expect(untested).toEqual([]);
  });
});

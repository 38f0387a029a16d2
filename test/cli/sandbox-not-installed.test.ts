import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSandbox, sandboxNotInstalled } from "../../src/cli/commands/sandbox.js";
import { UsageError } from "../../src/cli/usage-error.js";

/** What Node throws for an `import()` of a package a production install left out. */
function notFound(specifier: string): Error {
  const error = new Error(`Cannot find package '${specifier}' imported from /app/dist/cli/commands/sandbox.js`);
  return Object.assign(error, { code: "ERR_MODULE_NOT_FOUND" });
}

describe("autopilot sandbox without the sandbox package (npm ci --omit=dev)", () => {
  it("says it is a development tool and how to install it, as a usage error (exit 2)", async () => {
    const attempt = loadSandbox(() => Promise.reject(notFound("@autopilot/github-sandbox")));
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(sandboxNotInstalled);
    expect(sandboxNotInstalled).toMatch(/development tool; install with devDependencies \(npm ci\)/);
  });

  it("does not hide a different failure, such as a missing dependency of the package itself", async () => {
    await expect(loadSandbox(() => Promise.reject(notFound("graphql")))).rejects.toThrow(
      /Cannot find package 'graphql'/,
    );
    await expect(loadSandbox(() => Promise.reject(new SyntaxError("broken build")))).rejects.toThrow("broken build");
  });

  it("imports the package only as types at load time (`import type`, erased), so the CLI loads without it", () => {
    const source = readFileSync(new URL("../../src/cli/commands/sandbox.ts", import.meta.url), "utf8");
    const staticImports = [
      ...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"(@autopilot\/github-sandbox[^"]*)"/gm),
    ];
    expect(staticImports.length).toBeGreaterThan(0);
    // `import { type X }` would stay a side-effect import under verbatimModuleSyntax: only `import type` is erased
    for (const [statement, typeOnly] of staticImports) expect(typeOnly, statement).toBe("type ");
  });
});

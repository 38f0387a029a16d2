import { describe, expect, it } from "vitest";
import { repositoryInstructions } from "../../../src/core/review/index.js";

describe("repositoryInstructions", () => {
  it("takes the instruction files found on the base, then the configured guidance whose paths the change touches", () => {
    const instructions = repositoryInstructions({
      files: [
        { path: "AGENTS.md", text: "Run npm test before you push." },
        { path: "CLAUDE.md", text: undefined },
        { path: ".github/copilot-instructions.md", text: "   " },
      ],
      configured: [
        { paths: ["src/billing/**"], text: "Money is integer cents." },
        { paths: ["docs/**"], text: "Docs use British spelling." },
      ],
      changedPaths: ["src/billing/invoice.ts", "README.md"],
    });
    expect(instructions).toEqual([
      { source: "AGENTS.md", text: "Run npm test before you push." },
      { source: "review.instructions for src/billing/**", text: "Money is integer cents." },
    ]);
  });
});

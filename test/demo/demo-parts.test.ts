import { describe, expect, it } from "vitest";
import { parseDemoArgs } from "../../dev/demo/args.js";
import { chooseReviewers } from "../../dev/demo/reviewers.js";
import { excerpt, Transcript } from "../../dev/demo/transcript.js";

describe("demo flags", () => {
  it("reads --keep and --port, and --help wins", () => {
    expect(parseDemoArgs([])).toEqual({ kind: "run", keep: false });
    expect(parseDemoArgs(["--keep", "--port", "3977"])).toEqual({ kind: "run", keep: true, port: 3977 });
    expect(parseDemoArgs(["--port=0"])).toEqual({ kind: "run", keep: false, port: 0 });
    expect(parseDemoArgs(["--keep", "-h"])).toEqual({ kind: "help" });
  });

  it("names what is wrong with a flag", () => {
    expect(parseDemoArgs(["--port"])).toEqual({
      kind: "usage_error",
      message: "--port needs a port number from 0 to 65535, got nothing",
    });
    expect(parseDemoArgs(["--port", "99999"])).toMatchObject({
      kind: "usage_error",
      message: expect.stringContaining('got "99999"'),
    });
    expect(parseDemoArgs(["keep"])).toMatchObject({
      kind: "usage_error",
      message: expect.stringContaining('unknown argument "keep"'),
    });
  });
});

describe("demo transcript", () => {
  const lines = (color: boolean | undefined, isTTY: boolean) => {
    let text = "";
    const transcript = new Transcript(
      { isTTY, write: (chunk: string) => void (text += chunk) },
      color === undefined ? {} : { color },
    );
    transcript.check("autopilot/scope", "failure", "1 file outside scope");
    return { text, plain: transcript.text };
  };

  it("colours only a terminal", () => {
    const previous = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    try {
      expect(lines(undefined, true).text).toContain("\u001b[31mfailure\u001b[39m");
      expect(lines(undefined, false).text).toBe("      autopilot/scope: failure — 1 file outside scope\n");
      expect(lines(undefined, true).plain).toBe("      autopilot/scope: failure — 1 file outside scope");
    } finally {
      if (previous !== undefined) process.env.NO_COLOR = previous;
    }
  });

  it("shows a comment without its hidden markers, cut to a few lines", () => {
    expect(excerpt("<!-- autopilot:review -->\n## Accepted\n\n> fine\n\na\nb\nc", 3)).toBe(
      "## Accepted\n\n> fine\n… (4 more lines)",
    );
  });
});

describe("demo reviewers", () => {
  it("uses the real providers only when both keys are set, and otherwise says it is scripted", () => {
    expect(chooseReviewers({}).label).toBe("scripted reviewer (no model)");
    expect(chooseReviewers({ ANTHROPIC_API_KEY: "set" }).scripted).toBe(true);
    expect(chooseReviewers({ ANTHROPIC_API_KEY: "set", OPENAI_API_KEY: " " }).scripted).toBe(true);
    const real = chooseReviewers({ ANTHROPIC_API_KEY: "set", OPENAI_API_KEY: "set" });
    expect(real).toMatchObject({ scripted: false, label: "real providers (Anthropic and OpenAI)" });
  });
});

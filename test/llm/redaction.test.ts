import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { redactSecrets, secretRules } from "../../src/core/secrets/index.js";
import { createAnthropicPort, createOpenAiPort, type LlmLogger, type LlmPort } from "../../src/llm/index.js";
import { credentialSamples } from "./credential-samples.js";
import {
  ANTHROPIC_URL,
  OPENAI_URL,
  anthropicError,
  anthropicJson,
  goodVerdict,
  openAiCompletion,
  prices,
  recordingScope,
  recordingSleep,
  verdictCall,
  verdictJsonSchema,
} from "./vendor-fakes.js";

const samples = credentialSamples();
const planted = samples.map((sample) => `${sample.rule}:\n${sample.text}`).join("\n\n");

/** Every string value in a JSON request body, joined: what the model would read. */
function stringsOf(body: string): string {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(walk);
  };
  walk(JSON.parse(body));
  return out.join("\n");
}

function expectNoSecret(body: string): void {
  const text = stringsOf(body);
  for (const sample of samples) {
    for (const secret of sample.secrets) {
      expect(body, `${sample.rule} leaked in the raw body`).not.toContain(secret);
      expect(text, `${sample.rule} leaked in a string of the body`).not.toContain(secret);
    }
  }
}

function recordingLog(): { log: LlmLogger; lines: string[] } {
  const lines: string[] = [];
  const record = (fields: Record<string, unknown>, message: string) =>
    void lines.push(`${message} ${JSON.stringify(fields)}`);
  return { lines, log: { info: record, warn: record, debug: record } };
}

const ports: Array<[string, string, string, (log: LlmLogger) => LlmPort, object]> = [
  [
    "anthropic",
    ANTHROPIC_URL,
    "/v1/messages",
    (log) =>
      createAnthropicPort({
        model: "claude-sonnet-5-5",
        apiKey: "test-key",
        timeoutMs: 5_000,
        retries: 1,
        prices,
        log,
        sleep: recordingSleep().sleep,
      }),
    anthropicJson(goodVerdict),
  ],
  [
    "openai",
    OPENAI_URL,
    "/v1/chat/completions",
    (log) =>
      createOpenAiPort({
        model: "gpt-5",
        apiKey: "test-key",
        timeoutMs: 5_000,
        retries: 1,
        prices,
        log,
        sleep: recordingSleep().sleep,
      }),
    openAiCompletion(JSON.stringify(goodVerdict)),
  ],
];

describe("redaction inside the port", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it("has a planted credential for every rule the scanner knows, and each is one redactSecrets masks", () => {
    expect(new Set(samples.map((sample) => sample.rule))).toEqual(new Set(secretRules.map((rule) => rule.id)));
    for (const sample of samples) {
      const { text } = redactSecrets(sample.text);
      for (const secret of sample.secrets) expect(text, sample.rule).not.toContain(secret);
    }
  });

  it.each(ports)(
    "%s: no credential of any kind reaches the request the SDK sends",
    async (_name, url, path, makePort, reply) => {
      const { scope, bodies } = recordingScope(url);
      scope.post(path).reply(200, reply);
      const { log, lines } = recordingLog();
      const call = verdictCall({
        system: `You review changes.\nThe issue body:\n${planted}`,
        messages: [
          {
            role: "user",
            content: `The diff:\n\`\`\`diff\n${planted
              .split("\n")
              .map((line) => `+${line}`)
              .join("\n")}\n\`\`\``,
          },
          { role: "assistant", content: `Noted: ${planted}` },
          { role: "user", content: "Decide." },
        ],
        jsonSchema: { ...verdictJsonSchema, description: `Verdict. Example context: ${samples[2]!.text}` },
      });
      const result = await makePort(log).call(call);
      expect(result.ok).toBe(true);
      expect(bodies).toHaveLength(1);
      expectNoSecret(bodies[0]!);
      // the text did reach the model, with markers where the credentials were
      const sent = stringsOf(bodies[0]!);
      expect(sent).toContain("You review changes.");
      expect(sent).toContain("[REDACTED:github-token]");
      expect(sent).toContain("[REDACTED:private-key]");
      expect(result.redactions).toBeGreaterThanOrEqual(samples.length * 3);
      expect(lines.join("\n")).not.toContain("You review changes.");
    },
  );

  it("redacts a credential the model echoed when its answer goes back for the repair", async () => {
    const echoed = samples.find((sample) => sample.rule === "anthropic-api-key")!;
    const { scope, bodies } = recordingScope(OPENAI_URL);
    scope
      .post("/v1/chat/completions")
      .reply(200, openAiCompletion(`Sure! The key is ${echoed.secrets[0]} and I accept.`));
    scope.post("/v1/chat/completions").reply(200, openAiCompletion(JSON.stringify(goodVerdict)));
    const result = await ports[1]![3](recordingLog().log).call(verdictCall());
    expect(result.outcome).toBe("repaired");
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).not.toContain(echoed.secrets[0]);
    expect(stringsOf(bodies[1]!)).toContain("Sure! The key is [REDACTED:anthropic-api-key] and I accept.");
  });

  it("keeps credentials out of the failure reason and the log lines", async () => {
    const leaked = samples.find((sample) => sample.rule === "github-token")!.secrets[0]!;
    const { scope } = recordingScope(ANTHROPIC_URL);
    scope
      .post("/v1/messages")
      .reply(400, anthropicError("invalid_request_error", `messages.0: unexpected value ${leaked}`));
    const { log, lines } = recordingLog();
    const result = await ports[0]![3](log).call(verdictCall());
    expect(result.outcome).toBe("error");
    expect(result.ok ? "" : result.reason).toContain("[REDACTED:github-token]");
    expect(JSON.stringify(result)).not.toContain(leaked);
    expect(lines.some((line) => line.includes("400"))).toBe(true);
    expect(lines.join("\n")).not.toContain(leaked);
  });
});

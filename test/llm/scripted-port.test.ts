import { describe, expect, it } from "vitest";
import { bpeCount, createScriptedPort, type ScriptedAnswer } from "../../src/llm/index.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { goodVerdict, recordingSleep, verdictCall } from "./vendor-fakes.js";

const scripted = (answers: ScriptedAnswer[], extra: Partial<Parameters<typeof createScriptedPort>[0]> = {}) => {
  const { sleep, waits } = recordingSleep();
  return { waits, port: createScriptedPort({ answers, timeoutMs: 1_000, retries: 2, sleep, ...extra }) };
};

describe("the scripted port", () => {
  it("answers from its queue, says it is scripted, and counts the tokens an OpenAI model would have billed", async () => {
    const { port } = scripted([{ output: goodVerdict }]);
    const result = await port.call(verdictCall());
    expect(port).toMatchObject({ scripted: true, provider: "scripted", model: "scripted" });
    expect(result).toMatchObject({
      ok: true,
      outcome: "ok",
      value: goodVerdict,
      provider: "scripted",
      attempts: 1,
      priced: false,
      costUsd: 0,
    });
    expect(result.usage.input).toBeGreaterThan(20);
    expect(result.usage.output).toBe(bpeCount(JSON.stringify(goodVerdict), "o200k_base"));
  });

  it("goes through the same redaction: what it records carries no credential", async () => {
    const token = fakeGithubToken();
    const { port } = scripted([{ output: goodVerdict }]);
    await port.call(
      verdictCall({ system: `token ${token}`, messages: [{ role: "user", content: `+const t = "${token}";` }] }),
    );
    expect(JSON.stringify(port.requests)).not.toContain(token);
    expect(port.requests[0]!.messages[0]!.content).toBe('+const t = "[REDACTED:github-token]";');
  });

  it("repairs malformed text once, then reports malformed", async () => {
    expect(
      (await scripted([{ text: "nope" }, { text: JSON.stringify(goodVerdict) }]).port.call(verdictCall())).outcome,
    ).toBe("repaired");
    const twice = await scripted([{ text: "nope" }, { output: { decision: "perhaps" } }]).port.call(verdictCall());
    expect(twice).toMatchObject({ ok: false, outcome: "malformed", attempts: 2 });
    expect(twice.ok ? "" : twice.reason).toContain("decision: Invalid option");
  });

  it("answers from a function of the redacted request and its index", async () => {
    const seen: number[] = [];
    const port = createScriptedPort({
      timeoutMs: 1_000,
      retries: 0,
      answers: (request, index) => {
        seen.push(index);
        return request.messages.some((message) => message.content.includes("ship it"))
          ? { output: goodVerdict }
          : { refusal: "no" };
      },
    });
    expect((await port.call(verdictCall({ messages: [{ role: "user", content: "ship it" }] }))).ok).toBe(true);
    expect((await port.call(verdictCall())).outcome).toBe("malformed");
    expect(seen).toEqual([0, 1, 2]);
  });

  it("simulates provider failures with the same retry policy", async () => {
    const limited = scripted([{ failure: { status: 429, retryAfterMs: 2_500 } }, { output: goodVerdict }]);
    expect(await limited.port.call(verdictCall())).toMatchObject({ ok: true, attempts: 2 });
    expect(limited.waits).toEqual([2_500]);
    const timedOut = scripted([{ failure: { timeout: true } }, { failure: { timeout: true } }], { retries: 1 });
    expect(await timedOut.port.call(verdictCall())).toMatchObject({ ok: false, outcome: "timeout", attempts: 2 });
  });

  it("does not wait out a retry-after longer than the cap: the quota is gone", async () => {
    const { port, waits } = scripted([{ failure: { status: 429, retryAfterMs: 3_600_000 } }]);
    const result = await port.call(verdictCall());
    expect(result).toMatchObject({ ok: false, outcome: "error", attempts: 1 });
    expect(result.ok ? "" : result.reason).toContain("asked to wait 3600 s; not retried");
    expect(waits).toEqual([]);
  });

  it("reports an error, not a crash, when the script has no answer left", async () => {
    const result = await scripted([]).port.call(verdictCall());
    expect(result).toMatchObject({ ok: false, outcome: "error" });
    expect(result.ok ? "" : result.reason).toContain("no answer left for request 1");
  });
});

describe("budget and cost", () => {
  const prices = { scripted: { input: 0, output: 1_000 } };

  it("refuses the repair when what the first try spent leaves too little for it", async () => {
    const garbled = "this is not json at all, sorry about that";
    const spent = (bpeCount(garbled) * 1_000) / 1e6;
    // the first try's worst case is exactly $1 (1,000 output tokens at $1,000 per million)
    const { port } = scripted([{ text: garbled }], { prices });
    const result = await port.call(verdictCall({ remainingBudgetUsd: 1 + spent / 2 }));
    expect(result).toMatchObject({ ok: false, outcome: "over_budget", attempts: 1 });
    expect(result.costUsd).toBeCloseTo(spent, 10);
    expect(result.ok ? "" : result.reason).toMatch(/^the repair of this call may cost up to \$1\.0000/);
  });

  it("counts a try that timed out at its worst case, and refuses a retry the budget can no longer pay for", async () => {
    // each try's worst case is $1 (1,000 output tokens at $1,000 per million): the first fits $1.50, the retry does not
    const { port } = scripted([{ failure: { timeout: true } }, { output: goodVerdict }], { prices });
    const result = await port.call(verdictCall({ remainingBudgetUsd: 1.5 }));
    expect(result).toMatchObject({ ok: false, outcome: "over_budget", attempts: 1, usage: { output: 1_000 } });
    expect(result.costUsd).toBeCloseTo(1, 10);
    expect(result.ok ? "" : result.reason).toMatch(/^this call may cost up to \$1\.0000, more than the \$0\.5000 left/);
  });

  it("does not count a try the provider refused with a status (nothing was processed)", async () => {
    const { port } = scripted([{ failure: { status: 503 } }, { output: goodVerdict }], { prices });
    const result = await port.call(verdictCall({ remainingBudgetUsd: 1.5 }));
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(result.usage.output).toBe(bpeCount(JSON.stringify(goodVerdict), "o200k_base"));
  });

  it("reports cost 0 and priced false for a model without a price, and never stops it for budget", async () => {
    const { port } = scripted([{ output: goodVerdict }], { prices: { "gpt-5": { input: 1, output: 1 } } });
    const result = await port.call(verdictCall({ remainingBudgetUsd: 0 }));
    expect(result).toMatchObject({ ok: true, costUsd: 0, priced: false });
  });
});

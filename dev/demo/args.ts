/** What `npm run demo -- <flags>` asked for. */
export type DemoArgs =
  | { kind: "run"; keep: boolean; port?: number }
  | { kind: "help" }
  | { kind: "usage_error"; message: string };

export const demoUsage = `Usage: npm run demo [-- --keep] [-- --port N]

Starts a local GitHub (the sandbox) with Autopilot connected and plays a story on acme/widgets:
an incomplete issue and the owner's answers, a coding agent's pushes against the gates, the
review, CI and the merge, and a high-risk task that waits for the owner's approval. Prints what
each person did and what Autopilot did in response, then a summary.

Options:
  --keep      leave the sandbox and Autopilot running afterwards and print how to look around
              (git clone, curl with the owner's token); Ctrl-C stops them
  --port N    serve the sandbox on port N (default: any free port)
  -h, --help  show this help

The review uses the real providers only when both ANTHROPIC_API_KEY and OPENAI_API_KEY are set;
otherwise a scripted reviewer (no model) answers, and nothing leaves this machine.
Colour is used only on a terminal; NO_COLOR turns it off.

Exit codes: 0 every step did what it should, 1 a step's expected outcome did not happen (the
step is named), 2 bad flags.`;

/** Reads the flags; anything unknown is a usage error that names it. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  let keep = false;
  let port: number | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    if (arg === "-h" || arg === "--help") return { kind: "help" };
    if (arg === "--keep") {
      keep = true;
      continue;
    }
    if (arg === "--port" || arg.startsWith("--port=")) {
      const value = arg === "--port" ? argv[(index += 1)] : arg.slice("--port=".length);
      if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
        return {
          kind: "usage_error",
          message: `--port needs a port number from 0 to 65535, got ${value === undefined ? "nothing" : JSON.stringify(value)}`,
        };
      }
      port = Number(value);
      continue;
    }
    return {
      kind: "usage_error",
      message: `unknown ${arg.startsWith("-") ? "flag" : "argument"} ${JSON.stringify(arg)} (the demo takes --keep, --port N and --help)`,
    };
  }
  return { kind: "run", keep, ...(port === undefined ? {} : { port }) };
}

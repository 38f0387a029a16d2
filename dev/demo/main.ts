import { demoUsage, parseDemoArgs } from "./args.js";
import { runDemo } from "./run-demo.js";

/**
 * `npm run demo`: the offline demo and the project's smoke test. Exit codes: 0 the story played
 * as expected, 1 a step did not (named in the last line), 2 bad flags.
 */
async function main(argv: readonly string[]): Promise<number> {
  const args = parseDemoArgs(argv);
  if (args.kind === "help") {
    process.stdout.write(`${demoUsage}\n`);
    return 0;
  }
  if (args.kind === "usage_error") {
    process.stderr.write(`demo: ${args.message}\n\n${demoUsage}\n`);
    return 2;
  }
  try {
    const result = await runDemo({
      out: process.stdout,
      keep: args.keep,
      ...(args.port === undefined ? {} : { port: args.port }),
    });
    return result.exitCode;
  } catch (error) {
    process.stderr.write(
      `demo: could not run the story: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

import type { ApplicationFunction } from "probot";
import { botLogin } from "./handlers/app-identity.js";
import { registerDispatch } from "./handlers/dispatch/register-dispatch.js";
import { registerGates } from "./handlers/gates/register-gates.js";
import { healthHandler } from "./health.js";
import { version } from "./version.js";
import { WorkQueue } from "./work/index.js";

export interface AutopilotOptions {
  /** The queue webhook handlers hand their work to; tests pass theirs to wait for it. */
  work?: WorkQueue;
}

/** The Probot app function: registers handlers, nothing else. */
export function createAutopilot(options: AutopilotOptions = {}): ApplicationFunction {
  return (app, { addHandler }) => {
    addHandler?.(healthHandler(version));
    const work = options.work ?? new WorkQueue({ concurrency: 4, log: app.log });
    const login = botLogin(app);
    registerDispatch(app, work, login);
    registerGates(app, work, login);
    app.log.info({ version }, "autopilot loaded");
  };
}

export default createAutopilot();

export { Sandbox } from "./sandbox.js";
export type { SandboxInfo, SandboxOptions } from "./sandbox.js";
export { scaledThrottle, startAppOnSandbox } from "./start-app.js";
export type { ConnectedApp, StartAppOptions, ThrottleTiming } from "./start-app.js";
export { startAutopilotOnSandbox } from "./autopilot-on-sandbox.js";
export type { AutopilotOnSandbox, AutopilotOnSandboxOptions } from "./autopilot-on-sandbox.js";

export { Sandbox } from "./sandbox.js";
export type { SandboxInfo, SandboxOptions } from "./sandbox.js";
export { startAppOnSandbox } from "./start-app.js";
export type { ConnectedApp, StartAppOptions } from "./start-app.js";
export { startAutopilotOnSandbox } from "./autopilot-on-sandbox.js";
export type { AutopilotOnSandbox, AutopilotOnSandboxOptions } from "./autopilot-on-sandbox.js";

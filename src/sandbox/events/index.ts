export { zeroSha } from "./sandbox-event.js";
export type { Changes, EventSink, SandboxEvent } from "./sandbox-event.js";

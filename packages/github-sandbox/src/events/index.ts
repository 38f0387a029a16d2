export { buildPayload } from "./build-payload.js";
export { EventPublisher } from "./event-publisher.js";
export type { EventPublisherOptions } from "./event-publisher.js";
export { zeroSha } from "./sandbox-event.js";
export type { Changes, EventSink, SandboxEvent } from "./sandbox-event.js";
export { recordIssueEvents } from "./record-issue-events.js";

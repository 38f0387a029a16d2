export { isSuccessfulDelivery, summarizeDelivery } from "./delivery-record.js";
export type { DeliveryRecord, DeliverySummary } from "./delivery-record.js";
export { examplePayload } from "./example-payload.js";
export type { SandboxLog } from "./sandbox-log.js";
export { signPayload } from "./sign-payload.js";
export { WebhookDispatcher } from "./webhook-dispatcher.js";
export type {
  DeliveryPage,
  HookConfig,
  HookTarget,
  IdleOptions,
  ListDeliveriesOptions,
  WebhookDispatcherOptions,
} from "./webhook-dispatcher.js";
export { seededRandom } from "./webhook-faults.js";
export type { WebhookFaultMatch, WebhookFaultRule, WebhookFaults } from "./webhook-faults.js";
export { WebhookDispatcherError } from "./webhook-dispatcher-error.js";
export { installationNodeId, withInstallation } from "./with-installation.js";

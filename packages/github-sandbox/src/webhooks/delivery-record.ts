/**
 * One delivery attempt, in the shape of GitHub's `hook-delivery` (`GET /app/hook/deliveries/{id}`).
 * `guid` is the `X-GitHub-Delivery` value, shared by an event's redeliveries; `id` is new for each
 * attempt. Attempts that got no HTTP response (refused, timed out, dropped) have `status_code` 0.
 */
export interface DeliveryRecord {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  /** Seconds. */
  duration: number;
  /** "OK", "Invalid HTTP Response: 500", "failed to connect to host", "timed out", "dropped", … */
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  throttled_at: string | null;
  /** Where it was sent; absent when no webhook URL was configured. */
  url?: string;
  request: { headers: Record<string, string>; payload: unknown };
  response: { headers: Record<string, string>; payload: string | null };
}

/** GitHub's `hook-delivery-item`, what `GET /app/hook/deliveries` lists. */
export type DeliverySummary = Omit<DeliveryRecord, "request" | "response" | "url">;

export function summarizeDelivery(record: DeliveryRecord): DeliverySummary {
  const { request: _request, response: _response, url: _url, ...summary } = record;
  return summary;
}

/** Whether GitHub would count the attempt as delivered (the `status=success` filter). */
export const isSuccessfulDelivery = (record: DeliveryRecord): boolean =>
  record.status_code >= 200 && record.status_code < 300;

export interface DeliveryOutcome {
  status: string;
  status_code: number;
  headers: Record<string, string>;
  payload: string | null;
  /** Why no HTTP response came back, for the log. */
  error?: string;
}

type Exchange = { response: Response; text: string } | { error: unknown };

/**
 * POSTs one webhook and describes the result the way GitHub's delivery log does. Never throws:
 * a receiver that is down, slow or failing is a result to record, not an error of the sandbox.
 * The whole exchange, body included, must finish within `timeoutMs` (GitHub gives 10 s).
 * Redirects are not followed, as GitHub does not follow them.
 */
export async function postDelivery(
  fetchImpl: typeof fetch,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  // Errors become values here, so an exchange that loses the race to the timer settles quietly.
  const exchange: Promise<Exchange> = (async () => {
    const response = await fetchImpl(url, {
      method: "POST",
      // each delivery on a connection of its own: one sent on a kept-alive socket that the receiver
      // is just closing (its idle timeout) would fail for a reason of this process's HTTP client,
      // not one GitHub reports; the recorded request headers stay GitHub's
      headers: { ...headers, connection: "close" },
      body,
      redirect: "manual",
      signal: controller.signal,
    });
    return { response, text: await response.text() };
  })().catch((error: unknown) => ({ error }));

  try {
    const result = await Promise.race([exchange, timedOut]);
    if (result === "timeout" || ("error" in result && controller.signal.aborted)) {
      return {
        status: "timed out",
        status_code: 0,
        headers: {},
        payload: null,
        error: `no response within ${timeoutMs} ms`,
      };
    }
    if ("error" in result) {
      const cause = result.error instanceof Error ? (result.error.cause ?? result.error) : result.error;
      const error = cause instanceof Error ? cause.message : String(cause);
      return { status: "failed to connect to host", status_code: 0, headers: {}, payload: null, error };
    }
    const { response, text } = result;
    return {
      status: response.ok ? "OK" : `Invalid HTTP Response: ${response.status}`,
      status_code: response.status,
      headers: Object.fromEntries(response.headers),
      payload: text,
    };
  } finally {
    clearTimeout(timer);
  }
}

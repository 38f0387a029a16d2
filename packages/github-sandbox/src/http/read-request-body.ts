import type { IncomingMessage } from "node:http";
import { SandboxHttpError } from "./sandbox-http-error.js";

/**
 * The request's bytes, or undefined when there are none. A body past `maxBytes` is drained
 * without being kept and refused with 413, so the connection stays usable for the answer.
 */
export function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on("error", reject);
    request.on("end", () => {
      if (size > maxBytes) {
        reject(new SandboxHttpError(413, `Request body is larger than the sandbox's limit of ${maxBytes} bytes`));
      } else {
        resolve(size === 0 ? undefined : Buffer.concat(chunks));
      }
    });
  });
}

import type { ServerResponse } from "node:http";

/**
 * What `response.writeHead(status, [message], [headers])` was handed besides the status, set on the
 * response (headers one by one, the message as statusMessage): headers given to writeHead directly
 * are otherwise invisible to getHeader(), which our wrappers of a response read.
 */
export function absorbWriteHeadArguments(response: ServerResponse, rest: unknown[]) {
  const headers = rest.find((arg) => typeof arg === "object" && arg !== null);
  if (Array.isArray(headers)) {
    // The raw form [name, value, name, value...] may repeat a name (Set-Cookie): append, not replace.
    for (let i = 0; i + 1 < headers.length; i += 2) response.appendHeader(String(headers[i]), String(headers[i + 1]));
  } else if (headers) {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) response.setHeader(name, value as string);
  }
  const message = rest.find((arg): arg is string => typeof arg === "string");
  if (message !== undefined) response.statusMessage = message;
}

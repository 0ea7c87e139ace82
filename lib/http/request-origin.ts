import "server-only";
import { headers } from "next/headers";
import { publicOrigin } from "./public-origin";

/** The origin of the request being answered, for links in what it sends (lib/http/public-origin.ts). */
export async function requestPublicOrigin(): Promise<string> {
  return publicOrigin((await headers()).get("host"));
}

/**
 * An answer whose redirects stay on whichever of the app's names the reader used: the Location and
 * the `url` of next-auth's JSON answers (which its client opens) moved from origin `from` to `to`.
 * next-auth builds both from NEXTAUTH_URL, and a form's redirect to another origin is blocked by the
 * pages' CSP (`form-action 'self'`): the confirm page opened at 127.0.0.1 signed in and stayed put.
 */
export async function rebaseRedirects(response: Response, from: string, to: string): Promise<Response> {
  if (from === to) return response;
  const rebase = (value: string | null) => {
    if (!value) return null;
    try {
      const url = new URL(value);
      return url.origin === from ? `${to}${url.pathname}${url.search}${url.hash}` : null;
    } catch {
      return null;
    }
  };
  const location = rebase(response.headers.get("location"));
  let body: BodyInit | null = response.body;
  if (response.headers.get("content-type")?.includes("application/json")) {
    const text = await response.text();
    body = text;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === "object" && parsed !== null && "url" in parsed && typeof parsed.url === "string") {
        const url = rebase(parsed.url);
        if (url) body = JSON.stringify({ ...parsed, url });
      }
    } catch {
      // Not JSON after all: passed on as it came.
    }
  }
  if (location === null && body === response.body) return response;
  const copied = new Headers(response.headers);
  if (location !== null) copied.set("location", location);
  copied.delete("content-length");
  return new Response(body, { status: response.status, statusText: response.statusText, headers: copied });
}

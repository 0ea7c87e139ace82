import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SESSION_HINT_SCRIPT } from "@/lib/http/app-scripts";
import { baseSecurityHeaders, inlineScriptHashes, pageBytes, pagePolicy, pageText } from "@/lib/http/security-headers";
import { setEnv } from "../support/fresh-env";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("content security policy", () => {
  const html = `<html><head><script>${SESSION_HINT_SCRIPT}</script><script src="/_next/static/chunks/x.js" async=""></script></head>
<body><script type="text/x-deferred" data-src="/x.js"></script><script>self.__next_f.push([1,"<\\/"])</script>
<script type="application/ld+json">{"a":1}</script><script>${SESSION_HINT_SCRIPT}</script><script>alert(document.cookie)</script>
<script>self.__next_f.push([1,"x"]);alert(1)</script></body></html>`;

  it("allows the app's own inline scripts by hash, and nothing else: no other inline script, data block or external source", () => {
    // An injected script is not blessed by being in the page, nor one dressed as Next.js's data.
    expect(inlineScriptHashes(html).sort()).toEqual([sha(SESSION_HINT_SCRIPT), sha('self.__next_f.push([1,"<\\/"])')].sort());
    const policy = pagePolicy(html, { dev: false });
    expect(policy).toContain(`script-src 'self' ${inlineScriptHashes(html).join(" ")};`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it("hashes a script holding non-ASCII text as the UTF-8 bytes the browser receives", () => {
    // A search page's data: “quotes”, an em dash, a title in Chinese.
    const script = 'self.__next_f.push([1,"Results for “agents” — 智能体"])';
    const bytes = Buffer.from(`<html><body><p>“agents”</p><script>${script}</script></body></html>`, "utf8");
    const utf8Hash = `'sha256-${createHash("sha256").update(Buffer.from(script, "utf8")).digest("base64")}'`;
    expect(inlineScriptHashes(pageText(bytes))).toEqual([utf8Hash]);
    expect(pagePolicy(pageText(bytes), { dev: false })).toContain(`script-src 'self' ${utf8Hash};`);
    // Read back to the same bytes, whatever was in them.
    expect(pageBytes(pageText(bytes)).equals(bytes)).toBe(true);
  });

  it("lets Next.js's development server evaluate code, only in development", () => {
    expect(pagePolicy(html, { dev: true })).toMatch(/script-src[^;]*'unsafe-eval'/);
  });

  it("lets forms lead here only, and to the OAuth providers configured (the sign-in page's buttons)", async () => {
    expect(pagePolicy(html, { dev: false })).toMatch(/form-action 'self';/);
    setEnv({
      GITHUB_ID: "gh-id",
      GITHUB_SECRET: "gh-secret",
      HUGGINGFACE_CLIENT_ID: undefined,
      HUGGINGFACE_CLIENT_SECRET: undefined,
    });
    const fresh = await import("@/lib/http/security-headers");
    expect(fresh.pagePolicy(html, { dev: false })).toMatch(/form-action 'self' https:\/\/github\.com;/);
  });

  it("sends HSTS only over https", () => {
    expect(baseSecurityHeaders({ https: false, dev: false })["strict-transport-security"]).toBeUndefined();
    expect(baseSecurityHeaders({ https: true, dev: false })["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  });
});

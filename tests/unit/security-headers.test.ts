import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, inlineScriptHashes, pagePolicy } from "@/lib/http/security-headers";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("content security policy", () => {
  const html = `<html><head><script>a()</script><script src="/_next/static/chunks/x.js" async=""></script></head>
<body><script type="text/x-deferred" data-src="/x.js"></script><script>self.__next_f.push([1,"</"])</script>
<script type="application/ld+json">{"a":1}</script><script>a()</script></body></html>`;

  it("allows exactly the page's inline scripts, by hash, and no inline data blocks or external sources", () => {
    expect(inlineScriptHashes(html).sort()).toEqual([sha("a()"), sha('self.__next_f.push([1,"</"])')].sort());
    const policy = pagePolicy(html, { dev: false });
    expect(policy).toContain(`script-src 'self' ${inlineScriptHashes(html).join(" ")};`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it("lets Next.js's development server evaluate code, only in development", () => {
    expect(pagePolicy(html, { dev: true })).toMatch(/script-src[^;]*'unsafe-eval'/);
  });

  it("sends HSTS only over https", () => {
    expect(baseSecurityHeaders({ https: false, dev: false })["strict-transport-security"]).toBeUndefined();
    expect(baseSecurityHeaders({ https: true, dev: false })["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  });
});

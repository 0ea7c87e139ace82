import { describe, expect, it } from "vitest";
import { DEFERRED_TYPE, deferHydration } from "@/lib/page-cache/defer-hydration";

// The shape of a page as Next.js 16 renders it (trimmed): runtime scripts in <head>, a low-priority
// preload, the legacy polyfill, inline RSC data, one more runtime script at the end.
const page = `<!DOCTYPE html><html lang="en"><head><link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/310vm2bl3xxpt.js"/><script src="/_next/static/chunks/1qhkxvx29u7za.js" async=""></script><script src="/_next/static/chunks/2hfqkesq99ktv.js" async=""></script><script>if(/(?:^|;\\s*)dp_session=1(?:;|$)/.test(document.cookie))document.documentElement.setAttribute("data-session","")</script><script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script></head><body><main><a href="/papers/2401.00001">A paper</a></main><script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/310vm2bl3xxpt.js"]});</script><script src="/_next/static/chunks/310vm2bl3xxpt.js" async=""></script><script>(self.__next_f=self.__next_f||[]).push([0])</script></body></html>`;

describe("deferHydration", () => {
  it("parks every runtime script and drops script preloads, keeping the rest of the page as it was", () => {
    const deferred = deferHydration(page);
    if (deferred === null) throw new Error("expected a deferred page");
    expect(deferred).not.toMatch(/<script src="\/_next\/static\/chunks\/[^"]+" async="">/);
    expect(deferred).not.toContain('rel="preload" as="script"');
    expect(deferred.match(new RegExp(`<script type="${DEFERRED_TYPE}" data-src=`, "g"))).toHaveLength(3);
    for (const chunk of ["1qhkxvx29u7za", "2hfqkesq99ktv", "310vm2bl3xxpt"]) {
      expect(deferred).toContain(`data-src="/_next/static/chunks/${chunk}.js"`);
    }
    // The noModule polyfill (never loaded by modern browsers), the inline data and the content stay.
    expect(deferred).toContain('<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>');
    expect(deferred).toContain("self.__next_f");
    expect(deferred).toContain('<a href="/papers/2401.00001">A paper</a>');
    // One loader, at the end of the body, starting the parked scripts on interaction or for a session.
    expect(deferred.match(/addEventListener/g)).toHaveLength(1);
    expect(deferred.indexOf("pointerdown")).toBeGreaterThan(deferred.indexOf("self.__next_f"));
    expect(deferred).toMatch(/hasAttribute\("data-session"\)\)start\(\)/);
    expect(deferred.endsWith("</script></body></html>")).toBe(true);
  });

  it("leaves alone what it does not recognise: no Next.js data, no runtime scripts, no body", () => {
    expect(deferHydration("<html><body><p>plain</p></body></html>")).toBeNull();
    expect(deferHydration(page.replaceAll(' async=""', ""))).toBeNull();
    expect(deferHydration(page.replace("</body>", ""))).toBeNull();
  });
});

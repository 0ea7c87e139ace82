/**
 * Shared pages do not download React until the reader interacts. A signed-out reader who only reads
 * needs links and text, and the page is complete as the server rendered it; Next.js's runtime (~130
 * KB gzip, the same for every App Router page) is what makes its few controls live. In the shared
 * copy (lib/page-cache) the runtime's scripts are parked as inert <script type="text/x-deferred">
 * and a tiny loader starts them on the first pointer, key or focus event, or at once when the
 * reader has a session (html[data-session], set by the layout's head script). The RSC data the
 * runtime hydrates from is already in the page, so nothing changes once it has loaded.
 *
 * Only what this expects is touched: a page without Next.js's script tags is kept as it is.
 */

const RUNTIME_SCRIPT = /<script src="(\/_next\/static\/chunks\/[\w.-]+\.js)" async=""><\/script>/g;
// Low-priority preload hints for the same scripts: left in, they would download them anyway.
const SCRIPT_PRELOAD = /<link rel="preload" as="script"[^>]*\/_next\/static\/chunks\/[^>]*>/g;

export const DEFERRED_TYPE = "text/x-deferred";

/** The loader's text (its page's policy allows it by hash: lib/http/app-scripts.ts). */
export const HYDRATION_LOADER = `(function(){var d=document,started=0,events=["pointerdown","keydown","touchstart","focusin"];function start(){if(started)return;started=1;var s=d.querySelectorAll('script[type="${DEFERRED_TYPE}"]');for(var i=0;i<s.length;i++){var n=d.createElement("script");n.src=s[i].getAttribute("data-src");n.async=true;d.body.appendChild(n)}}if(d.documentElement.hasAttribute("data-session"))start();else for(var i=0;i<events.length;i++)addEventListener(events[i],start,{once:true,passive:true,capture:true})})()`;
const LOADER = `<script>${HYDRATION_LOADER}</script>`;

/**
 * The page with its runtime deferred, or null when it is not a page this knows how to defer. The page
 * is read as its bytes (pageText, lib/http/security-headers.ts); what this looks for and adds is ASCII.
 */
export function deferHydration(html: string): string | null {
  if (!html.includes("self.__next_f") || !html.includes("</body>")) return null;
  let parked = 0;
  const deferred = html
    .replace(RUNTIME_SCRIPT, (_match, src: string) => {
      parked += 1;
      return `<script type="${DEFERRED_TYPE}" data-src="${src}"></script>`;
    })
    .replace(SCRIPT_PRELOAD, "");
  if (parked === 0) return null;
  const end = deferred.lastIndexOf("</body>");
  return `${deferred.slice(0, end)}${LOADER}${deferred.slice(end)}`;
}

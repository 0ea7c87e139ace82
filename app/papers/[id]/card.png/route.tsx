import { ImageResponse } from "next/og";
import { decodeSegment } from "@/lib/http/request";
import { jsonError } from "@/lib/http/responses";
import { shareResponse } from "@/lib/page-cache/collector";
import { drawableText } from "@/lib/papers/card-text";
import { getPaper } from "@/lib/papers/data";
import { parseArxivId } from "@/lib/papers/schema";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const WIDTH = 1200;
const HEIGHT = 630;

/**
 * GET /papers/<id>/card.png: the paper's social card (title, authors, upvotes), 1200 x 630, drawn by
 * next/og with the font it bundles, in characters that font has (lib/papers/card-text.ts: nothing is
 * fetched). Kept in the shared page cache until the paper changes (a render costs ~100 ms of CPU),
 * limited per IP like the API, and cached a day by browsers and proxies.
 */
export async function GET(_request: Request, context: Context) {
  shareResponse();
  const arxivId = parseArxivId(decodeSegment((await context.params).id));
  const paper = arxivId ? await getPaper(arxivId) : null;
  if (!paper) return jsonError(404, "No such paper here.");
  const names = paper.authors
    .slice(0, 4)
    .map((name) => drawableText(name))
    .filter(Boolean);
  const shown = names.join(", ");
  const authors = paper.authors.length > 4 ? `${shown}, et al. (${paper.authors.length} authors)` : shown;
  const drawable = drawableText(paper.title) || `arXiv ${paper.arxivId}`;
  const title = drawable.length > 160 ? `${drawable.slice(0, 157)}…` : drawable;
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 64,
        background: "#ffffff",
        color: "#18181b",
      }}
    >
      <div
        style={{ display: "flex", fontSize: 28, color: "#4f46e5", fontWeight: 600 }}
      >{`Daily Papers · arXiv ${paper.arxivId}`}</div>
      <div style={{ display: "flex", fontSize: title.length > 90 ? 52 : 64, lineHeight: 1.15, fontWeight: 700 }}>{title}</div>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-end", fontSize: 28, color: "#3f3f46" }}>
        <div style={{ display: "flex", maxWidth: 880 }}>{authors}</div>
        <div
          style={{ display: "flex", fontSize: 40, fontWeight: 700, color: "#4f46e5" }}
        >{`${paper.upvotes} ${paper.upvotes === 1 ? "upvote" : "upvotes"}`}</div>
      </div>
    </div>,
    { width: WIDTH, height: HEIGHT, headers: { "cache-control": "public, max-age=86400" } },
  );
}

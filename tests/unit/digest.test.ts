import { describe, expect, it } from "vitest";
import { type Day, dayPeriod, weekOf } from "@/lib/dates";
import { composeDigest, type DigestPaper } from "@/lib/digest/compose";
import { matchesKeywords, parseStoredKeywords, storeKeywords } from "@/lib/digest/keywords";
import { scheduledPeriod, todayIn } from "@/lib/digest/period";
import { keywordsSchema } from "@/lib/digest/schema";

const day = (value: string) => value as Day;
const paper = (title: string, overrides: Partial<DigestPaper> = {}): DigestPaper => ({
  arxivId: "2604.00001",
  title,
  abstract: `About ${title}.`,
  authorCount: 3,
  upvotes: 10,
  feedDay: day("2026-04-01"),
  ...overrides,
});
const recipient = { frequency: "daily" as const, keywords: [], token: "t".repeat(43) };

describe("keywords", () => {
  it("are parsed, normalised and limited", () => {
    expect(keywordsSchema.parse(" Diffusion,  reinforcement   learning ,,diffusion ")).toEqual([
      "diffusion",
      "reinforcement learning",
    ]);
    expect(keywordsSchema.safeParse(Array.from({ length: 11 }, (_, i) => `k${i}`).join(",")).success).toBe(false);
    expect(parseStoredKeywords(storeKeywords(["a", "b c"]))).toEqual(["a", "b c"]);
    expect(storeKeywords([])).toBeNull();
  });

  it("match the title or the abstract, case-insensitively; none means everything", () => {
    const p = { title: "Diffusion Transformers", abstract: "We scale agents." };
    expect(matchesKeywords(p, ["diffusion"])).toBe(true);
    expect(matchesKeywords(p, ["agents"])).toBe(true);
    expect(matchesKeywords(p, ["quantum"])).toBe(false);
    expect(matchesKeywords(p, [])).toBe(true);
  });
});

describe("composeDigest", () => {
  it("names the date and the top paper in the subject, and keeps the given order", () => {
    const email = composeDigest({
      appUrl: "https://papers.example.org",
      period: dayPeriod(day("2026-04-01")),
      ranked: [paper("First"), paper("Second")],
      recipient,
      size: 10,
    });
    expect(email?.subject).toBe("Trending papers, Apr 1, 2026: First");
    expect(email?.text.indexOf("1. First")).toBeLessThan(email?.text.indexOf("2. Second") ?? 0);
    expect(email?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });

  it("takes at most `size` papers and filters by keywords", () => {
    const ranked = Array.from({ length: 15 }, (_, i) => paper(i % 2 ? `Agents ${i}` : `Vision ${i}`));
    expect(
      composeDigest({ appUrl: "https://x.org", period: dayPeriod(day("2026-04-01")), ranked, recipient, size: 10 })?.arxivIds,
    ).toHaveLength(10);
    const agents = composeDigest({
      appUrl: "https://x.org",
      period: weekOf(day("2026-04-01")),
      ranked,
      recipient: { ...recipient, keywords: ["agents"] },
      size: 10,
    });
    expect(agents?.text.match(/^\d+\. Agents/gm)).toHaveLength(7);
    expect(agents?.subject).toBe("Trending papers, Week 14, 2026: Agents 1");
  });

  it("is null when nothing matches: no empty emails", () => {
    expect(
      composeDigest({
        appUrl: "https://x.org",
        period: dayPeriod(day("2026-04-01")),
        ranked: [paper("Vision")],
        recipient: { ...recipient, keywords: ["audio"] },
        size: 10,
      }),
    ).toBeNull();
    expect(
      composeDigest({ appUrl: "https://x.org", period: dayPeriod(day("2026-04-01")), ranked: [], recipient, size: 10 }),
    ).toBeNull();
  });
});

describe("scheduled periods", () => {
  it("daily covers yesterday in the digest's zone, weekly the ISO week that ended", () => {
    // 2026-04-06 is a Monday. At 01:30 UTC it is still Sunday in Los Angeles, already Monday in Kathmandu.
    const now = new Date("2026-04-06T01:30:00Z");
    expect(todayIn("America/Los_Angeles", now)).toBe("2026-04-05");
    expect(todayIn("Asia/Kathmandu", now)).toBe("2026-04-06");
    expect(scheduledPeriod("daily", "Asia/Kathmandu", now).key).toBe("2026-04-05");
    expect(scheduledPeriod("daily", "America/Los_Angeles", now).key).toBe("2026-04-04");
    expect(scheduledPeriod("weekly", "Asia/Kathmandu", now).key).toBe("2026-W14");
  });
});

import { appUrl } from "@/lib/env";
import { paperFeedItem } from "@/lib/feeds/items";
import { renderRss } from "@/lib/feeds/rss";
import { readFeed } from "@/lib/http/api";
import { getTrendingPapers } from "@/lib/papers/data";

const FEED_ITEMS = 30;

/** RSS of /papers/trending: the trending papers, highest first. */
export const GET = readFeed(async () =>
  renderRss({
    title: "Daily Papers: trending",
    link: `${appUrl}/papers/trending`,
    self: `${appUrl}/feeds/trending.xml`,
    description: "Papers ranked by upvotes with a time decay, as Hacker News ranks stories.",
    items: (await getTrendingPapers({ limit: FEED_ITEMS })).papers.map((paper) => paperFeedItem(appUrl, paper)),
  }),
);

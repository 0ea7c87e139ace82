import { appUrl } from "@/lib/env";
import { paperFeedItem } from "@/lib/feeds/items";
import { renderRss } from "@/lib/feeds/rss";
import { readFeed } from "@/lib/http/api";
import { getRecentPaperRecords } from "@/lib/papers/data";

const FEED_DAYS = 7;
const FEED_ITEMS = 150;

/** RSS of the daily feed: the papers of the last week of listings, newest day first. */
export const GET = readFeed(async () =>
  renderRss({
    title: "Daily Papers",
    link: `${appUrl}/`,
    self: `${appUrl}/feeds/daily.xml`,
    description: "The machine-learning papers the research community is reading, day by day.",
    items: (await getRecentPaperRecords(FEED_DAYS, FEED_ITEMS)).map((paper) => paperFeedItem(appUrl, paper)),
  }),
);

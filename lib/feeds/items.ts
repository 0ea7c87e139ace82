import { type Day, dateFromDay } from "@/lib/dates";
import { excerpt } from "@/lib/papers/excerpt";
import type { FeedItem } from "./rss";

const FEED_EXCERPT_LENGTH = 500;

/** A paper as a feed item: linked to its page here, dated by the day it was listed. */
export function paperFeedItem(
  appUrl: string,
  paper: { arxivId: string; title: string; abstract: string; authors: string[]; upvotes: number; feedDay: Day },
): FeedItem {
  const url = `${appUrl}/papers/${paper.arxivId}`;
  const count = paper.authors.length;
  return {
    title: paper.title,
    link: url,
    guid: url,
    pubDate: dateFromDay(paper.feedDay),
    authors: paper.authors,
    description: `${count} ${count === 1 ? "author" : "authors"} · ▲ ${paper.upvotes} · ${excerpt(paper.abstract, FEED_EXCERPT_LENGTH)}`,
  };
}

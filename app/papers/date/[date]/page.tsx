import type { Metadata } from "next";
import { FeedPage, feedTitle } from "../../feed-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/papers/date/[date]">): Promise<Metadata> {
  return { title: feedTitle("day", (await params).date) };
}

export default async function Page({ params }: PageProps<"/papers/date/[date]">) {
  return <FeedPage kind="day" periodKey={(await params).date} />;
}

import type { Metadata } from "next";
import { FeedPage, feedTitle } from "../../../../feed-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/papers/date/[date]/page/[page]">): Promise<Metadata> {
  const { date, page } = await params;
  return { title: feedTitle("day", date, page) };
}

export default async function Page({ params }: PageProps<"/papers/date/[date]/page/[page]">) {
  const { date, page } = await params;
  return <FeedPage kind="day" periodKey={date} pageParam={page} />;
}

import type { Metadata } from "next";
import { FeedPage, feedTitle } from "../../../../feed-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/papers/month/[month]/page/[page]">): Promise<Metadata> {
  const { month, page } = await params;
  return { title: feedTitle("month", month, page) };
}

export default async function Page({ params }: PageProps<"/papers/month/[month]/page/[page]">) {
  const { month, page } = await params;
  return <FeedPage kind="month" periodKey={month} pageParam={page} />;
}

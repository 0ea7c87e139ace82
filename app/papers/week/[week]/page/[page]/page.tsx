import type { Metadata } from "next";
import { FeedPage, feedTitle } from "../../../../feed-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/papers/week/[week]/page/[page]">): Promise<Metadata> {
  const { week, page } = await params;
  return { title: feedTitle("week", week, page) };
}

export default async function Page({ params }: PageProps<"/papers/week/[week]/page/[page]">) {
  const { week, page } = await params;
  return <FeedPage kind="week" periodKey={week} pageParam={page} />;
}

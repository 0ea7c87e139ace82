import type { Metadata } from "next";
import { FeedPage, feedTitle } from "../../feed-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/papers/month/[month]">): Promise<Metadata> {
  return { title: feedTitle("month", (await params).month) };
}

export default async function Page({ params }: PageProps<"/papers/month/[month]">) {
  return <FeedPage kind="month" periodKey={(await params).month} />;
}

import type { Metadata } from "next";
import { FeedPage, feedTitle } from "../../feed-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/papers/week/[week]">): Promise<Metadata> {
  return { title: feedTitle("week", (await params).week) };
}

export default async function Page({ params }: PageProps<"/papers/week/[week]">) {
  return <FeedPage kind="week" periodKey={(await params).week} />;
}

import { FeedPage } from "./papers/feed-page";

export const dynamic = "force-dynamic";

export default function HomePage() {
  return <FeedPage kind="day" periodKey={null} />;
}

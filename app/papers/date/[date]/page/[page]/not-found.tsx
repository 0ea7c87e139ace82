import { FeedPageNotFound } from "@/components/papers/feed-page-not-found";

export default function NotFound() {
  return <FeedPageNotFound noun="day" />;
}

"use client";

import { useViewer } from "@/components/viewer/viewer-provider";
import { SignInLink } from "./sign-in-link";
import { UserMenu } from "./user-menu";

/**
 * "Sign in", or the signed-in reader's menu once their state has loaded. While it loads (there is a
 * session cookie) the link keeps its place but is hidden (`signed-out-only`), so nothing flashes or moves.
 */
export function AccountControl() {
  const { status, viewer } = useViewer();
  if (status === "ready" && viewer) return <UserMenu email={viewer.email} />;
  return (
    <span className="signed-out-only">
      <SignInLink />
    </span>
  );
}

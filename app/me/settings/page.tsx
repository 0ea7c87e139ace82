import type { Metadata } from "next";
import { DisplayNameForm } from "@/components/account/display-name-form";
import { getDisplayName } from "@/lib/account/data";
import { requireUser } from "@/lib/auth/session";
import { commenterName } from "@/lib/comments/data";

export const metadata: Metadata = { title: "Settings", robots: { index: false } };
export const dynamic = "force-dynamic";

/** The reader's own settings: the name others see beside their comments. */
export default async function SettingsPage() {
  const user = await requireUser("/me/settings");
  const name = await getDisplayName(user.id);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-6 text-2xl font-bold tracking-tight">Settings</h1>
      <DisplayNameForm initial={name} handle={commenterName(null, user.id)} />
    </div>
  );
}

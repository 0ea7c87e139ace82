import type { Metadata, Viewport } from "next";
import { type ReactNode, Suspense } from "react";
import { AccountControl } from "@/components/auth/account-control";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { SearchBox } from "@/components/search/search-box";
import { ViewerProvider } from "@/components/viewer/viewer-provider";
import { appUrl } from "@/lib/env";
import { MAX_QUERY_LENGTH } from "@/lib/search/query";
import { inter } from "./fonts";
import "./globals.css";
import { SESSION_HINT_SCRIPT } from "@/lib/http/app-scripts";

export const metadata: Metadata = {
  metadataBase: new URL(appUrl),
  title: { default: "Daily Papers", template: "%s · Daily Papers" },
  description: "The machine-learning papers the research community is reading, day by day.",
  openGraph: { siteName: "Daily Papers", type: "website" },
  alternates: { types: { "application/rss+xml": [{ url: "/feeds/daily.xml", title: "Daily Papers" }] } },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

/**
 * Nothing here (or in any page) depends on who is reading: pages are shared copies (lib/page-cache).
 * The reader's own state is loaded by ViewerProvider.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <head>
        {/* Runs before the page paints: a reader with a session sees no signed-out controls flash (see globals.css). */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours, no input in it */}
        <script dangerouslySetInnerHTML={{ __html: SESSION_HINT_SCRIPT }} />
      </head>
      <body className="flex min-h-dvh flex-col font-sans">
        <ViewerProvider>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900"
          >
            Skip to content
          </a>
          <SiteHeader
            actions={
              <>
                <Suspense>
                  <SearchBox maxLength={MAX_QUERY_LENGTH} />
                </Suspense>
                <Suspense>
                  <AccountControl />
                </Suspense>
              </>
            }
          />
          <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6">
            {children}
          </main>
          <SiteFooter />
        </ViewerProvider>
      </body>
    </html>
  );
}

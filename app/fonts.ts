import localFont from "next/font/local";

// Inter from @fontsource-variable (an npm package), loaded locally: Google-hosted fonts would be
// downloaded at build time, which fails offline. Characters outside Latin fall back to the system font stack.
export const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
});

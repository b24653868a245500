import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // pdfkit reads its font metrics (Helvetica.afm) from its package folder at run time, so it must not be bundled.
  serverExternalPackages: ["pdfkit"],
  reactStrictMode: true,
  // forbidden() in pages (lib/auth/pageAccess.ts) answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;

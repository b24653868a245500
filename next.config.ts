import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/api/securityHeaders";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // pdfkit reads its font metrics (Helvetica.afm) from its package folder at run time, so it must not be bundled.
  serverExternalPackages: ["pdfkit"],
  reactStrictMode: true,
  // forbidden() in pages (lib/auth/pageAccess.ts) answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // The security headers that need no per-request nonce, on every answer, static assets included (which proxy.ts
  // skips); proxy.ts sets them again with the Content-Security-Policy on everything else.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;

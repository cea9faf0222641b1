// @ts-check

/** Headers sent with every response, static files included. proxy.ts adds the Content-Security-Policy and HSTS. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The largest body any route takes: the procedure import's 4 MB upload plus its envelope
  // (BODY_LIMITS.import in lib/http/body-limits.mjs, which the listener enforces per route first;
  // a unit test keeps the two equal).
  experimental: { serverActions: { bodySizeLimit: "4.5mb" } },
  reactStrictMode: true,
  // `npm test` type-checks the whole project (tests included) with tsc; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Native modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;

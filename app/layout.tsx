import type { Metadata, Viewport } from "next";
import "./globals.css";
import { Header } from "@/components/shell/header";
import { getCurrentUser } from "@/lib/auth/session";
import { navFor } from "@/lib/navigation";

export const metadata: Metadata = {
  title: { default: "Opsbook", template: "%s · Opsbook" },
  description: "Operations runbook portal for the Exchange Server 2007 organisation",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page depends on who is signed in, so every page is rendered per request and none at build
// time: the build reads no data, needs no database, and is the same whatever the database holds.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-800"
        >
          Skip to content
        </a>
        <Header user={user} nav={user ? navFor(user.role) : []} />
        <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
          {children}
        </main>
      </body>
    </html>
  );
}

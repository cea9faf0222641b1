// Where Chromium goes after signing in from a crafted /login?callbackUrl=…: always a page of the
// portal's own origin. And a crafted callback target left in next-auth's callback-url cookie never
// makes the next sign-in, or /api/auth/csrf, fail.
import { expect, test, type Page } from "@playwright/test";
import { ensureUser } from "./support";

const REDIRECT_VIEWER = { name: "Rhea Redirect", email: "redirect-viewer@opsbook.test", password: "Harbour-Lantern-58-moss" };

// Each of these once took, or was meant to take, the browser to another host after signing in.
const DISGUISES = [
  "/.//evil.example",
  "/..//evil.example",
  "/./\\evil.example",
  "//evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "/%2f%2fevil.example",
  "https://evil.example/",
  "javascript:alert(1)",
];

/** Every main-frame address the page visits from now on. */
function recordNavigations(page: Page): string[] {
  const seen: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) seen.push(frame.url());
  });
  return seen;
}

async function signInFrom(page: Page, loginUrl: string) {
  await page.goto(loginUrl);
  await page.getByLabel("E-mail").fill(REDIRECT_VIEWER.email);
  await page.getByLabel("Password").fill(REDIRECT_VIEWER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  // A viewer's start page; any page of the portal would do, but it must be one.
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

test.describe("sign-in redirects", () => {
  test.beforeAll(() => ensureUser(REDIRECT_VIEWER, "VIEWER"));
  // Nothing may reach another host, whether or not it resolves here.
  test.beforeEach(async ({ page }) => {
    // Matched by host: the portal's own /login?callbackUrl=… carries the name in its query.
    await page.route((url) => url.hostname === "evil.example" || url.hostname.endsWith(".evil.example"), (route) => route.abort());
  });

  for (const target of DISGUISES) {
    test(`signing in from /login?callbackUrl=${JSON.stringify(target)} stays on the portal`, async ({ page, baseURL }) => {
      const origin = new URL(baseURL!).origin;
      const visited = recordNavigations(page);
      await signInFrom(page, `/login?callbackUrl=${encodeURIComponent(target)}`);
      expect(new URL(page.url()).origin).toBe(origin);
      for (const url of visited) expect(new URL(url).origin, `visited ${url}`).toBe(origin);
    });
  }

  test("a path of the portal given as callbackUrl is followed after signing in", async ({ page, baseURL }) => {
    await signInFrom(page, `/login?callbackUrl=${encodeURIComponent("/history?from=link")}`);
    const url = new URL(page.url());
    expect(url.origin).toBe(new URL(baseURL!).origin);
    expect(`${url.pathname}${url.search}`).toBe("/history?from=link");
  });

  test("a crafted callbackUrl sent to next-auth leaves no cookie that breaks the next request", async ({ page }) => {
    const signin = await page.request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent("/\n/evil.example")}`, { maxRedirects: 0 });
    expect(signin.status()).toBeLessThan(500);
    expect(signin.status()).not.toBe(400);
    for (let i = 0; i < 2; i++) expect((await page.request.get("/api/auth/csrf")).status()).toBe(200);
    await signInFrom(page, "/login");
  });

  test("a malformed callback-url cookie is ignored, and sign-in still works", async ({ page, context, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    for (const value of ["javascript%3Aalert(1)", "%2F%0A%2Fevil.example", "not%20a%20url", "https%3A%2F%2Fevil.example%2F", "%25"]) {
      await context.clearCookies();
      await context.addCookies([{ name: "next-auth.callback-url", value, url: origin }]);
      expect((await page.request.get("/api/auth/csrf")).status(), value).toBe(200);
      expect((await page.request.get("/api/auth/session")).status(), value).toBe(200);
    }
    await context.clearCookies();
    await context.addCookies([{ name: "next-auth.callback-url", value: "javascript%3Aalert(1)", url: origin }]);
    await signInFrom(page, "/login");
    expect(new URL(page.url()).origin).toBe(origin);

    // Planted while signed in: the pages still know who is there, and the browser loses the cookie.
    await context.addCookies([{ name: "next-auth.callback-url", value: "%2F%0A%2Fevil.example", url: origin }]);
    await page.goto("/procedures");
    await expect(page.getByRole("heading", { name: "Procedures", level: 1 })).toBeVisible();
    // The account menu carries the signed-in person's name (shown beside the avatar on wide screens).
    await expect(page.getByText(REDIRECT_VIEWER.name).first()).toBeAttached();
    expect((await context.cookies()).find((c) => c.name === "next-auth.callback-url")).toBeUndefined();
  });
});

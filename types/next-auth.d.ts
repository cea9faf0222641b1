import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    uid?: string;
    /** The user's session version when this session began; a newer one in the database ends it. */
    sv?: number;
    /** When the user signed in (ms since epoch); sessions end a fixed time after it. */
    sat?: number;
    /** The UserSession row that records this signed-in browser. */
    sid?: string;
  }
  interface User {
    sessionVersion?: number;
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    sat?: number;
    sid?: string;
  }
}

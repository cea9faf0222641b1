// The search box's limits, apart from the schemas: the header imports them on every page, and a
// module without zod keeps the validation library out of every page's JavaScript.

/** Longest search text, in UTF-16 code units (what an input's maxLength counts). */
export const SEARCH_MAX_LENGTH = 200;
/** Every word must match, so more words only narrow; past a few they are a mistake or abuse. */
export const SEARCH_MAX_WORDS = 8;

// The procedure bodies that brought the server down before the Markdown limits (decision 028), as
// black-box testing sent them: each is within the old 50,000-character bound of a body.
export const PATHOLOGICAL_BODIES: Record<string, string> = {
  "50,000 nested block quotes": ">".repeat(50_000),
  "25,000 list markers on one line": "- ".repeat(25_000),
  "48,000 emphasis markers": "*a".repeat(24_000),
  "12,400 mixed quote and list levels": "> - ".repeat(3_100),
};

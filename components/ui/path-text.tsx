// A counter path (\Processor(_Total)\% Processor Time) or a similar backslash-separated name, in
// monospace, that wraps only after a backslash or at a space: a line break inside a word reads as
// two words ("Processor Ti / me"). The browser may break at each <wbr>, and .path-text (globals.css)
// forbids breaking anywhere else.
import { Fragment } from "react";

export function PathText({ path, className = "" }: { path: string; className?: string }) {
  const parts = path.split("\\");
  return (
    <span className={`path-text ${className}`}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              {"\\"}
              <wbr />
            </>
          )}
        </Fragment>
      ))}
    </span>
  );
}

// Tables that scroll sideways inside their card on narrow screens instead of widening the page.
import type { ComponentProps, ReactNode } from "react";

export function Table({ caption, children, className, captionHidden = false, ...rest }: ComponentProps<"table"> & { caption?: ReactNode; captionHidden?: boolean }) {
  return (
    <div className="max-w-full overflow-x-auto">
      <table className={`w-full border-collapse text-left text-sm ${className ?? ""}`} {...rest}>
        {caption && <caption className={captionHidden ? "sr-only" : "px-3 py-2 text-left text-sm font-medium text-slate-700"}>{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">{children}</thead>;
}

export function Th({ className, ...rest }: ComponentProps<"th">) {
  return <th scope="col" className={`px-3 py-2 ${className ?? ""}`} {...rest} />;
}

export function Td({ className, ...rest }: ComponentProps<"td">) {
  return <td className={`px-3 py-2 align-top ${className ?? ""}`} {...rest} />;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

"use client";
import { buttonClass } from "@/components/ui/styles";

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className={buttonClass.primary}>
      Print
    </button>
  );
}

"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto mt-12 max-w-lg text-center" role="alert">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        The server could not complete this request. Nothing you saved earlier is lost. Try again, and tell an
        administrator if it keeps happening.
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </div>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-12 max-w-lg text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">
        There is nothing here, or you do not have access to it. Check the address, or go back to the library.
      </p>
      <Link href="/procedures" className="mt-6 inline-block text-brand-700 underline">
        Go to the procedures
      </Link>
    </div>
  );
}

/** Whether the page at `pathname` belongs to the navigation entry `href` (itself or a page under it). */
export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

// The page a shared link may open: a path of this dashboard, never another site.

export function safePage(to: string | null): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return "/";
  return to;
}

// Display formats shared by the pages. Times are shown in UTC, as the API returns them.

/** 2026-11-21T05:40:01.123456789Z -> 2026-11-21 05:40:01.123 */
export function formatTimestamp(iso: string, digits = 3): string {
  const [date, rest = ""] = iso.replace("Z", "").split("T");
  const [clock, fraction = ""] = rest.split(".");
  return `${date} ${clock}${digits > 0 ? "." + fraction.padEnd(digits, "0").slice(0, digits) : ""}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.01 && ratio > 0 ? 2 : 1)}%`;
}

/** A short axis label for an epoch millisecond, given the span the axis covers. */
export function formatAxisTime(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  if (spanMs <= 120_000) return iso.slice(11, 19);
  if (spanMs <= 2 * 86_400_000) return iso.slice(11, 16);
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** A duration in seconds as people read it: "45 s", "3 min 5 s", "2 h 10 min", "3 d 4 h". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return join(Math.floor(s / 60), "min", s % 60, "s");
  if (s < 86_400) return join(Math.floor(s / 3600), "h", Math.floor((s % 3600) / 60), "min");
  return join(Math.floor(s / 86_400), "d", Math.floor((s % 86_400) / 3600), "h");
}

function join(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
}

/** Numbers, money, dates and weeks as the report page writes them, and the URLs it may link to. */

const DAY_MS = 86_400_000;

export const number = (x: number, digits = 1) => String(Number(x.toFixed(digits)));
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function money(amount: number, currency: string | null): string {
  if (amount === 0) return 'Free';
  const value = Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
  // A null currency on totals means the path mixes currencies, which are never converted.
  return currency ? `${currency} ${value}` : `${value} (mixed currencies)`;
}

export function parseDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Report date plus the plan's whole weeks; null when the plan has no schedule (no hours per week). */
export function estimatedFinish(createdAt: string, weeks: number | null): Date | null {
  const created = parseDate(createdAt);
  return created && weeks !== null ? new Date(created.getTime() + weeks * 7 * DAY_MS) : null;
}

/** Week offsets from the optimiser are 0-based and fractional; people count weeks from 1. */
export function weekRange(start: number | null, end: number | null): string | null {
  if (start === null || end === null) return null;
  const first = Math.floor(start) + 1;
  const last = Math.max(first, Math.ceil(end));
  return first === last ? `Week ${first}` : `Weeks ${first}–${last}`;
}

/** Only http(s) URLs become links: catalog data is not trusted to be free of `javascript:`. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

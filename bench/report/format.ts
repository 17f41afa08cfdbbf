/** Numbers as the tables print them. */

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export const formatRange = (min: number, max: number): string => `${formatMs(min)} – ${formatMs(max)}`;

export const formatMiB = (kb: number | null): string => (kb === null ? '–' : `${(kb / 1024).toFixed(0)} MiB`);

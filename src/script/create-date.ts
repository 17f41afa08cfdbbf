import { ConfigError } from '../errors.js';

/** A moment as seen on the wall clock of a time zone. */
export interface ZonedDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Minutes east of UTC. */
  readonly offsetMinutes: number;
  readonly epochSeconds: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (error) {
    throw new ConfigError('E_UNKNOWN_TIMEZONE', `timezone '${timeZone}' (config key timezone) is not a known time zone`, {
      cause: error,
      hint: 'Use an IANA name such as UTC, Europe/Berlin or America/New_York.',
    });
  }
}

export function zonedDate(moment: Date, timeZone: string): ZonedDate {
  const seconds = Math.floor(moment.getTime() / 1000);
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(seconds * 1000))
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) / 1000;
  return { ...parts, offsetMinutes: Math.round((wall - seconds) / 60), epochSeconds: seconds };
}

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

/** `2026-11-21 10:00:00+00:00`: Alembic's Create Date header, without the microseconds. */
export function formatCreateDate(date: ZonedDate): string {
  const sign = date.offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(date.offsetMinutes / 60))}:${pad(date.offsetMinutes % 60)}`;
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)} ${pad(date.hour)}:${pad(date.minute)}:${pad(date.second)}${offset}`;
}

import { closure, earlyClose, inCalendar, tradingDays, CALENDAR_RANGE } from '../data/calendar.js';
import { UsageError } from '../errors.js';
import { addDays, daysBetween, isIsoDate } from '../util/dates.js';
import { plural } from '../util/format.js';
import { parse } from './args.js';

export const CALENDAR_HELP = `sputnik calendar: the NYSE trading days between two dates

Usage: sputnik calendar --from YYYY-MM-DD --to YYYY-MM-DD [--json]

Prints the trading days from --from to --to (both included), one per line, then a summary: how
many, the days the exchange was closed on a weekday (holidays, special closures) and the early
closes. With --json: a JSON array of the ISO dates, nothing else. Years ${CALENDAR_RANGE.first} to ${CALENDAR_RANGE.last}.

Example:
  sputnik calendar --from 2025-01-17 --to 2025-01-28`;

/** `sputnik calendar`: the trading days of a range, and why the others were not. */
export async function calendarCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return CALENDAR_HELP;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see sputnik calendar --help)`);
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  for (const [name, v] of [['--from', from], ['--to', to]] as const) {
    if (v === undefined) throw new UsageError(`${name} YYYY-MM-DD is required (see sputnik calendar --help)`);
    if (!isIsoDate(v)) throw new UsageError(`${name} "${v}" is not a valid YYYY-MM-DD date`);
    if (!inCalendar(v)) {
      throw new UsageError(`${name} ${v} is outside the NYSE calendar's years (${CALENDAR_RANGE.first} to ${CALENDAR_RANGE.last})`);
    }
  }
  if (from! > to!) throw new UsageError(`--from ${from} is after --to ${to}`);
  const days = tradingDays(from!, to!); // refuses years outside the calendar with a UsageError
  if (values.json) return JSON.stringify(days);

  const calendarDays = daysBetween(from!, to!) + 1;
  let weekend = 0;
  const closed: string[] = [];
  const early: string[] = [];
  for (let d = from!; d <= to!; d = addDays(d, 1)) {
    const c = closure(d);
    if (c?.kind === 'weekend') weekend++;
    else if (c) closed.push(`closed: ${d} is a ${c.kind} (${c.name})`);
    const e = earlyClose(d);
    if (e) early.push(`early close: ${d} at ${e.time} ET (${e.name})`);
  }
  const parts = [plural(weekend, 'weekend day')];
  if (closed.length) parts.push(`${plural(closed.length, 'weekday')} closed`);
  const summary = [
    `${plural(days.length, 'NYSE trading day')} from ${from} to ${to} (${plural(calendarDays, 'calendar day')}: ${parts.join(', ')})`,
    ...(closed.length ? closed : ['closed on a weekday: none']),
    ...(early.length ? early : ['early closes: none']),
  ];
  return [...days, ...(days.length ? [''] : []), ...summary].join('\n');
}

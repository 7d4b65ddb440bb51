// What every report reads: the rows (as the row tier keeps them) and a context that carries
// everything a report would otherwise take from the environment — the clock, the time zone,
// the workspace's pipelines and members, teams, the default currency and optional rates.
import type { Member, Pipeline, Row } from '@carnet/schema';
import type { RateTable } from './money.ts';
import type { TimeZone } from './time-zone.ts';

export type DealRow = Row<'deals'>;
export type ActivityRow = Row<'activities'>;
export type ContactRow = Row<'contacts'>;
export type CompanyRow = Row<'companies'>;

/** The rows a report reads. Deleted rows (`deletedAt` set) are always left out. */
export interface ReportData {
  deals?: readonly DealRow[];
  activities?: readonly ActivityRow[];
  contacts?: readonly ContactRow[];
  companies?: readonly CompanyRow[];
}

/** A named set of members, for team filters, team goals and leaderboards. */
export interface Team {
  id: string;
  name: string;
  memberIds: readonly string[];
}

export interface ReportContext {
  /** The current instant (epoch ms): "overdue", "stalled", "this month" are measured from it. */
  now: number;
  /** The zone days, months, weekdays and hours are counted in (see createTimeZone). */
  zone: TimeZone;
  pipelines: readonly Pipeline[];
  members: readonly Member[];
  teams?: readonly Team[];
  /** The currency of a deal without one (the workspace's default currency). */
  defaultCurrency: string;
  /** When given, amounts in a currency it knows are converted into its base currency. */
  rates?: RateTable;
}

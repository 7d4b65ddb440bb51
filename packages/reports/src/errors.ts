// Errors a report call can raise, as data with a code: bad parameters given by the caller (an
// unknown time zone, a malformed date range or period). Rows with odd values never raise; they
// are skipped or counted apart, because a report must still draw on an imperfect dataset.

export const REPORT_ERRORS = {
  invalidTimeZone: 'invalid_time_zone',
  invalidDate: 'invalid_date',
  invalidPeriod: 'invalid_period',
  unknownPipeline: 'unknown_pipeline',
  unknownReport: 'unknown_report',
} as const;
export type ReportErrorCode = (typeof REPORT_ERRORS)[keyof typeof REPORT_ERRORS];

export class ReportError extends Error {
  readonly code: ReportErrorCode;

  constructor(code: ReportErrorCode, message: string) {
    super(message);
    this.name = 'ReportError';
    this.code = code;
  }
}

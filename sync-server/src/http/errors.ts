// HTTP errors as data: every error response is JSON `{ error: { code, message } }`.
export const HttpErrorCode = {
  BadRequest: 'bad_request',
  NotFound: 'not_found',
} as const;
export type HttpErrorCode = (typeof HttpErrorCode)[keyof typeof HttpErrorCode];

export function errorResponse(status: number, code: HttpErrorCode, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

// One way to call the relay's HTTP API from the app: JSON in, JSON out, and every failure as
// data (`status` 0 when the relay cannot be reached) so pages can say what happened.
export interface FieldProblem {
  field: string;
  code: string;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string; issues: FieldProblem[] };

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  fetcher: typeof fetch = fetch,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetcher(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, code: 'network', message: '', issues: [] };
  }
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.ok) return { ok: true, status: response.status, data: json as T };
  const error = (json as { error?: { code?: string; message?: string; issues?: FieldProblem[] } } | null)?.error;
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? `http_${response.status}`,
    message: error?.message ?? '',
    issues: error?.issues ?? [],
  };
}

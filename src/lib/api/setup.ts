// The relay's first-start API, for the setup page: is an owner account needed, and create it
// with the first workspace. Errors come back as data the page can show field by field.
export interface SetupInput {
  name: string;
  email: string;
  password: string;
  workspaceName: string;
  setupToken?: string;
}

export interface FieldProblem {
  field: string;
  code: string;
}

export type SetupResult =
  | { ok: true; userName: string; workspaceName: string }
  | { ok: false; code: string; message: string; issues: FieldProblem[] };

export async function needsSetup(fetcher: typeof fetch = fetch): Promise<boolean> {
  const response = await fetcher('/api/setup');
  if (!response.ok) throw new Error(`GET /api/setup answered ${response.status}`);
  return ((await response.json()) as { needsSetup: boolean }).needsSetup;
}

export async function createOwner(input: SetupInput, fetcher: typeof fetch = fetch): Promise<SetupResult> {
  let response: Response;
  try {
    response = await fetcher('/api/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...input, setupToken: input.setupToken || undefined }),
    });
  } catch {
    return { ok: false, code: 'network', message: '', issues: [] };
  }
  const body = (await response.json().catch(() => null)) as
    | { user?: { name: string }; workspace?: { name: string }; error?: { code: string; message: string; issues?: FieldProblem[] } }
    | null;
  if (response.ok && body?.user && body.workspace) return { ok: true, userName: body.user.name, workspaceName: body.workspace.name };
  const error = body?.error;
  return { ok: false, code: error?.code ?? `http_${response.status}`, message: error?.message ?? '', issues: error?.issues ?? [] };
}

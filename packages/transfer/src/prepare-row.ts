// One source row to one record candidate for a collection: each mapped cell converted and
// checked where it sits (so a bad email is reported against its own column), virtual targets
// resolved through the references, defaults filled, and the whole checked with @carnet/schema's
// validateFields exactly as the store will check it. Pure and synchronous.
import {
  isId, normalizeName, validateField, validateFields,
  type Collection, type CustomFieldDef, type FieldSpec, type IssueCode, type Pipeline, type Stage,
} from '@carnet/schema';
import { listItemKey } from './list-items.ts';
import { cellString, convertCell, parseBoolean, splitList, type ConvertSettings } from './convert-value.ts';
import type { ColumnMapping } from './mapping.ts';
import { splitFullName } from './person-name.ts';
import type { References } from './references.ts';
import type { RowIssue, RowIssueCode } from './row-issues.ts';
import { columnName, isEmptyCell, isEmptyRow, type SourceRow } from './table.ts';
import { isVirtualTarget, targetSpec } from './targets.ts';

/** A company name that matches nothing: create the company (default), leave the link empty, or refuse the row. */
export type MissingCompanyPolicy = 'create' | 'leave_empty' | 'refuse';

export interface RowContext {
  collection: Collection;
  headers: readonly string[];
  mapping: readonly ColumnMapping[];
  customFields: readonly CustomFieldDef[];
  references: References;
  settings: ConvertSettings;
  missingCompanies: MissingCompanyPolicy;
}

export interface Candidate {
  row: number;
  line?: number;
  /** Values for a create: validated, defaults filled. */
  values: Record<string, unknown>;
  /** Fields the file gave a value for: an update writes only these. */
  provided: string[];
  /** A company to create and link (missing companies: 'create'). */
  newCompanyName?: string;
  /** A Carnet id from a "Carnet ID" column. */
  recordId?: string;
  /** Warnings: the row is imported all the same. */
  warnings: RowIssue[];
}

export type PreparedRow = { ok: true; candidate: Candidate } | { ok: false; issues: RowIssue[] };

const ITEM_SPECS: Record<string, FieldSpec> = {
  emails: { kind: 'email' },
  phones: { kind: 'phone' },
  tags: { kind: 'text', maxLength: 64 },
};

const cut = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

const WON = new Set(['won', 'closed won', 'closedwon', 'gagne', 'gagnee', 'signe']);
const LOST = new Set(['lost', 'closed lost', 'closedlost', 'perdu', 'perdue']);

function findStage(pipelines: readonly Pipeline[], text: string): { pipeline: Pipeline; stage: Stage } | undefined {
  const key = normalizeName(text);
  for (const pipeline of pipelines) {
    const stage = pipeline.stages.find((s) => s.id === text || normalizeName(s.name) === key);
    if (stage) return { pipeline, stage };
  }
  const kind = WON.has(key) ? 'won' : LOST.has(key) ? 'lost' : undefined;
  for (const pipeline of kind ? pipelines : []) {
    const stage = pipeline.stages.find((s) => s.kind === kind);
    if (stage) return { pipeline, stage };
  }
  return undefined;
}

export function prepareRow(source: SourceRow, context: RowContext): PreparedRow {
  const { collection, headers, mapping, customFields, references, settings } = context;
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const values: Record<string, unknown> = {};
  /** Where each field's value came from, to point at it: the column and the text as read. */
  const columnOf = new Map<string, string>();
  const rawOf = new Map<string, string>();
  const at = { row: source.row, ...(source.line !== undefined && source.line !== source.row ? { line: source.line } : {}) };
  const issue = (column: string | null, field: string | null, code: RowIssueCode, severity: 'error' | 'warning', value?: string, params?: Record<string, string | number>) => {
    (severity === 'error' ? errors : warnings).push({
      ...at, column, field, code, severity, ...(value !== undefined ? { value: cut(value) } : {}), ...(params ? { params } : {}),
    });
  };
  const cells = source.cells;
  if (cells.length > headers.length && !isEmptyRow(cells.slice(headers.length))) {
    issue(null, null, 'too_many_cells', 'error', undefined, { cells: cells.length, expected: headers.length });
  } else if (cells.length < headers.length) {
    issue(null, null, 'missing_cells', 'warning', undefined, { cells: cells.length, expected: headers.length });
  }

  let fullName: string | undefined;
  let pipelineText: string | undefined;
  let stageText: string | undefined;
  let currencyFromAmount: string | undefined;
  let newCompanyName: string | undefined;
  let recordId: string | undefined;
  const contactIds: string[] = [];

  for (const { column, target } of mapping) {
    const cell = cells[column] ?? null;
    if (target === null || isEmptyCell(cell)) continue;
    const header = columnName(headers, column);
    const text = cellString(cell);
    if (isVirtualTarget(target)) {
      switch (target) {
        case '$fullName':
          fullName = text;
          break;
        case '$companyName':
        case '$parentCompany': {
          const field = target === '$companyName' ? 'companyId' : 'parentId';
          const id = references.companyByName(text);
          columnOf.set(field, header);
          if (id) values[field] = id;
          else if (target === '$companyName' && context.missingCompanies === 'create') newCompanyName = text;
          else issue(header, field, target === '$companyName' ? 'unknown_company' : 'unknown_parent', target === '$companyName' && context.missingCompanies === 'refuse' ? 'error' : 'warning', text);
          break;
        }
        case '$owner': {
          const id = references.memberByNameOrEmail(text);
          if (id) values.ownerId = id;
          else issue(header, 'ownerId', 'unknown_owner', 'warning', text);
          break;
        }
        case '$id':
          if (isId(text)) recordId = text;
          break;
        case '$emailOptOut':
        case '$callOptOut': {
          const field = target === '$emailOptOut' ? 'consentEmail' : 'consentPhone';
          const optOut = parseBoolean(cell);
          if (optOut === undefined) issue(header, field, 'unparsable_boolean', 'error', text);
          else if (!(field in values)) values[field] = !optOut;
          break;
        }
        case '$pipeline':
          pipelineText = text;
          break;
        case '$stage':
          stageText = text;
          break;
        case '$contactEmail':
        case '$contactName': {
          const found = target === '$contactEmail'
            ? splitList(text, 'emails').map((e) => references.contactByEmail(e))
            : [references.contactByName(text)];
          for (const id of found) if (id && !contactIds.includes(id)) contactIds.push(id);
          if (found.some((id) => !id)) issue(header, collection === 'deals' ? 'contactIds' : 'contactId', 'unknown_contact', 'warning', text);
          break;
        }
        case '$dealTitle': {
          const id = references.dealByTitle(text);
          if (id) values.dealId = id;
          else issue(header, 'dealId', 'unknown_deal', 'warning', text);
          break;
        }
      }
      continue;
    }
    const spec = targetSpec(collection, target, customFields);
    if (!spec) continue;
    const converted = convertCell(cell, spec, settings, target);
    if (!converted.ok) {
      issue(header, target, converted.code, 'error', text, converted.params);
      continue;
    }
    if (converted.currency && target === 'amount') currencyFromAmount = converted.currency;
    const itemSpec = ITEM_SPECS[spec.kind];
    if (itemSpec && Array.isArray(converted.value)) {
      const list = (values[target] as unknown[] | undefined) ?? [];
      for (const item of converted.value as string[]) {
        const checked = validateField(target, itemSpec, item);
        if (!checked.ok) issue(header, target, checked.issue.code, 'error', item, checked.issue.params);
        else if (!list.some((v) => listItemKey(target, v) === listItemKey(target, checked.value))) list.push(checked.value);
      }
      values[target] = list;
    } else if (Array.isArray(converted.value) && Array.isArray(values[target])) {
      values[target] = [...new Set([...(values[target] as unknown[]), ...converted.value])];
    } else {
      values[target] = converted.value;
    }
    if (!columnOf.has(target)) {
      columnOf.set(target, header);
      rawOf.set(target, text);
    }
  }

  if (fullName !== undefined && values.firstName === undefined && values.lastName === undefined) {
    const { firstName, lastName } = splitFullName(fullName);
    if (firstName) values.firstName = firstName;
    if (lastName) values.lastName = lastName;
  }
  if (currencyFromAmount && values.currency === undefined) values.currency = currencyFromAmount;
  if (contactIds.length) {
    if (collection === 'deals') values.contactIds = contactIds;
    else values.contactId = contactIds[0];
  }
  // What the file gave; defaults filled below are for creates only, never written by an update.
  const provided = Object.keys(values);
  if (newCompanyName !== undefined) provided.push('companyId');
  if (collection === 'deals' && resolveStage(references.pipelines, pipelineText, stageText, values, issue, mapping, headers) === 'given') {
    provided.push('pipelineId', 'stageId');
  }
  if (collection === 'activities' && values.type === undefined) values.type = 'note';
  if (collection === 'contacts' && !errors.length && !values.firstName && !values.lastName &&
    !(values.emails as unknown[] | undefined)?.length && !(values.phones as unknown[] | undefined)?.length) {
    issue(null, null, 'no_identity', 'error');
  }
  const reported = new Set(errors.map((e) => e.field));
  const checked = validateFields(collection, values, 'create', customFields);
  if (!checked.ok) {
    for (const problem of checked.issues) {
      if (reported.has(problem.field)) continue;
      const value = values[problem.field];
      const shown = rawOf.get(problem.field) ?? (value === undefined || value === null ? undefined : Array.isArray(value) ? value.join('; ') : String(value));
      issue(columnOf.get(problem.field) ?? null, problem.field, problem.code as IssueCode, 'error', shown, problem.params);
    }
  }
  if (errors.length) return { ok: false, issues: [...errors, ...warnings] };
  const candidate: Candidate = { ...at, values: checked.ok ? checked.value : values, provided, warnings };
  if (newCompanyName !== undefined) candidate.newCompanyName = newCompanyName;
  if (recordId !== undefined) candidate.recordId = recordId;
  return { ok: true, candidate };
}

type IssueFn = (column: string | null, field: string | null, code: RowIssueCode, severity: 'error' | 'warning', value?: string, params?: Record<string, string | number>) => void;

/** A deal's pipeline and stage from their names (or ids); the first pipeline's first stage when neither is given. */
function resolveStage(
  pipelines: readonly Pipeline[], pipelineText: string | undefined, stageText: string | undefined,
  values: Record<string, unknown>, issue: IssueFn, mapping: readonly ColumnMapping[], headers: readonly string[],
): 'given' | 'default' | 'failed' {
  const header = (target: string) => {
    const m = mapping.find((c) => c.target === target);
    return m ? columnName(headers, m.column) : null;
  };
  const ordered = [...pipelines].sort((a, b) => a.order - b.order);
  let pipeline: Pipeline | undefined;
  if (pipelineText !== undefined) {
    pipeline = ordered.find((p) => p.id === pipelineText || normalizeName(p.name) === normalizeName(pipelineText));
    if (!pipeline) {
      issue(header('$pipeline'), 'pipelineId', 'unknown_pipeline', 'error', pipelineText, { options: ordered.map((p) => p.name).join(', ') });
      return 'failed';
    }
  }
  if (stageText !== undefined) {
    const found = findStage(pipeline ? [pipeline] : ordered, stageText);
    if (!found) {
      const names = (pipeline ?? ordered[0])?.stages.map((s) => s.name).join(', ');
      issue(header('$stage'), 'stageId', 'unknown_stage', 'error', stageText, names ? { options: names } : undefined);
      return 'failed';
    }
    values.pipelineId = found.pipeline.id;
    values.stageId = found.stage.id;
    return 'given';
  }
  pipeline ??= ordered[0];
  const stage = pipeline?.stages.find((s) => s.kind === 'open') ?? pipeline?.stages[0];
  if (pipeline && stage) {
    values.pipelineId = pipeline.id;
    values.stageId = stage.id;
  }
  return pipelineText !== undefined ? 'given' : 'default';
}

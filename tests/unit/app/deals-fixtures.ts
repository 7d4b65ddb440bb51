// Deal rows for the deals unit tests: every field with a neutral default, so a test names only
// what it is about.
import { defaultPipeline, type Row } from '@carnet/schema';

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
export const PIPELINE = defaultPipeline();
export const stage = (id: string) => PIPELINE.stages.find((s) => s.id === id)!;

let counter = 0;

export function deal(fields: Partial<Row<'deals'>> = {}): Row<'deals'> {
  counter++;
  return {
    id: `deal${String(counter).padStart(6, '0')}`,
    createdAt: NOW - 100 * DAY,
    createdBy: 'owner000',
    updatedAt: NOW - DAY,
    updatedBy: 'owner000',
    deletedAt: null,
    title: `Deal ${counter}`,
    amount: null,
    currency: 'EUR',
    pipelineId: 'sales',
    stageId: 'qualified',
    probability: null,
    expectedCloseDate: null,
    closedAt: null,
    ownerId: null,
    companyId: null,
    contactIds: [],
    lostReason: null,
    nextStep: null,
    nextStepDate: null,
    tags: [],
    description: '',
    ...fields,
  } as Row<'deals'>;
}

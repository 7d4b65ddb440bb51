// Deal: an opportunity moving through a pipeline's stages. Its status (open, won, lost) comes
// from the kind of stage it sits in, so it can never disagree with the board.
import type { CompanyId, ContactId, UserId } from './ids.ts';
import type { FieldSpec } from './fields.ts';

export interface DealFields {
  title: string;
  amount: number | null;
  currency: string | null;
  pipelineId: string | null;
  stageId: string | null;
  probability: number | null;
  expectedCloseDate: string | null;
  closedAt: string | null;
  ownerId: UserId | null;
  companyId: CompanyId | null;
  contactIds: ContactId[];
  lostReason: string | null;
  nextStep: string | null;
  nextStepDate: string | null;
  tags: string[];
  description: string;
}

export const DEAL_FIELDS = {
  title: { kind: 'text', required: true, maxLength: 300 },
  amount: { kind: 'currency', min: 0, max: 1e13 },
  currency: { kind: 'text', pattern: /^[A-Z]{3}$/, patternCode: 'invalid_currency' },
  pipelineId: { kind: 'text', maxLength: 64 },
  stageId: { kind: 'text', maxLength: 64 },
  probability: { kind: 'number', integer: true, min: 0, max: 100 },
  expectedCloseDate: { kind: 'date' },
  closedAt: { kind: 'date' },
  ownerId: { kind: 'ref' },
  companyId: { kind: 'ref' },
  contactIds: { kind: 'refs' },
  lostReason: { kind: 'text', maxLength: 500 },
  nextStep: { kind: 'text', maxLength: 500 },
  nextStepDate: { kind: 'date' },
  tags: { kind: 'tags' },
  description: { kind: 'longText', collaborative: true },
} as const satisfies Record<keyof DealFields, FieldSpec>;

// The words PDF exports print, in the interface language: page numbers, the notes on rows left
// out and characters replaced, and the dossier's sections and labels. Pure: built from the
// caller's translating function and language tag.
import type { DossierPdfWords, ReportPdfWords } from '@carnet/transfer/pdf';
import { pluralForm } from '../components/table/text.ts';

type Label = (key: string, fallback?: string) => string;

const fill = (text: string, params: Record<string, string>) => text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

/** `base.one` or `base.many` with `{n}` (labels.ts has the same; it also imports the wizard's rune module). */
const counted = (label: Label, tag: string, base: string, n: number) => fill(label(`${base}.${pluralForm(tag, n)}`), { n: new Intl.NumberFormat(tag).format(n) });

export function reportWords(label: Label, tag: string): ReportPdfWords {
  const number = (n: number) => new Intl.NumberFormat(tag).format(n);
  return {
    page: (n, total) => fill(label('transfer.pdf.page'), { n: number(n), total: number(total) }),
    replaced: (count) => counted(label, tag, 'transfer.pdf.replaced', count),
    truncated: (shown, total) => fill(label('transfer.pdf.truncated'), { shown: number(shown), total: number(total) }),
    empty: label('transfer.pdf.empty'),
  };
}

export function dossierWords(label: Label, tag: string): DossierPdfWords {
  const key = (name: string) => label(`transfer.dossier.${name}`);
  return {
    ...reportWords(label, tag),
    title: (name) => fill(key('title'), { name }),
    intro: key('intro'),
    workspace: label('transfer.pdf.workspace'),
    generated: label('transfer.pdf.generated'),
    contact: key('contact'),
    company: key('company'),
    deals: key('deals'),
    activities: key('activities'),
    history: key('history'),
    none: key('none'),
    deleted: key('deleted'),
    meta: {
      id: key('meta.id'), createdAt: key('meta.createdAt'), createdBy: key('meta.createdBy'), updatedAt: key('meta.updatedAt'),
      updatedBy: key('meta.updatedBy'), deletedAt: key('meta.deletedAt'), mergedInto: key('meta.mergedInto'),
    },
    historyColumns: {
      when: key('col.when'), who: key('col.who'), kind: key('col.kind'), field: key('col.field'), before: key('col.before'), after: key('col.after'),
    },
    historyKind: (kind) => key(`kind.${kind}`),
    empty: key('empty'),
    unknownTime: key('unknownTime'),
  };
}

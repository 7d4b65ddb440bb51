// Seeded random rows and queries for the persistence contract. Value pools are small so that
// conditions hit, sorts tie, and empties (null, missing, '', []) and odd types (a number where a
// string usually is, a string where an array usually is) appear often.
import type { Condition, Operator, RowQuery, SortKey, StoredRow } from '@carnet/store';
import { Prng } from '../../property/prng.ts';

export type RandomCollection = 'contacts' | 'deals' | 'activities';
export type Random = () => number;

/** A seeded random source (the convergence tests' mulberry32), replayable from its seed. */
export function seededRandom(seed: number): Random {
  const source = new Prng(seed);
  return () => source.next();
}

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)];
const MISSING = Symbol('missing');

const NAMES = ['François', 'francois', 'Émile', 'emile', 'Zoë', 'zoe', 'Anna', 'anna', 'Œdipe', 'Bob', '', null, MISSING];
const REFS = ['a1', 'a2', 'a3', 'A1', 7, '7', '', null, MISSING];
const OWNERS = ['u1', 'u2', 'u3', null];
const NUMBERS = [0, 5, 50, 50.5, 100, -1, null, MISSING];
const TAGS = ['vip', 'paris', 'lyon', 'Événement', 'evenement'];
const DATES = ['2024-01-01T09:00:00.000Z', '2024-01-01T10:00:00.000Z', '2024-02-15T00:00:00.000Z', '2023-12-31T23:59:59.000Z', null, ''];

/** Each collection's random fields: a pool of values per field; arrays are built from element pools. */
const FIELDS: Record<RandomCollection, Record<string, readonly unknown[]>> = {
  contacts: {
    firstName: NAMES,
    lastName: NAMES,
    companyId: REFS,
    ownerId: OWNERS,
    lifecycle: ['lead', 'prospect', 'customer', 'churned', null, ''],
    leadScore: NUMBERS,
    consentEmail: [true, false],
    city: ['Paris', 'Lyon', 'São Paulo', 'sao paulo', null],
  },
  deals: {
    title: NAMES,
    amount: NUMBERS,
    pipelineId: ['p1', 'p2', null, MISSING],
    stageId: ['s1', 's2', 's3', '', null],
    companyId: REFS,
    ownerId: OWNERS,
  },
  activities: {
    subject: NAMES,
    contactId: REFS,
    companyId: REFS,
    dealId: REFS,
    ownerId: OWNERS,
    dueAt: DATES,
    done: [true, false],
    durationMin: NUMBERS,
  },
};

const ARRAY_FIELDS: Record<RandomCollection, Record<string, readonly unknown[]>> = {
  contacts: { tags: TAGS, emails: ['a@x.fr', 'b@x.fr'] },
  deals: { contactIds: ['k1', 'k2', 'k3', 'k4', 7], tags: TAGS },
  activities: { mentions: OWNERS.filter(Boolean) },
};

const UPDATED = Array.from({ length: 12 }, (_, i) => 1_700_000_000_000 + i * 1000);
const ID_CHARS = [...'abcdefghXYZ0123'];

function randomArray(random: Random, elements: readonly unknown[]): unknown {
  const roll = random();
  if (roll < 0.1) return null;
  if (roll < 0.15) return MISSING;
  // A lone value where an array belongs: an index on the field must not confuse it with one.
  if (roll < 0.2) return pick(random, elements);
  return Array.from({ length: Math.floor(random() * 4) }, () => pick(random, elements));
}

export function randomRow(collection: RandomCollection, random: Random, index: number): StoredRow {
  const id = `${pick(random, ID_CHARS)}${pick(random, ID_CHARS)}${String(index).padStart(4, '0')}`;
  const row: Record<string, unknown> = {
    id,
    createdAt: pick(random, UPDATED) - 500,
    createdBy: pick(random, OWNERS),
    updatedAt: pick(random, UPDATED),
    updatedBy: pick(random, OWNERS),
    deletedAt: random() < 0.2 ? pick(random, UPDATED) + 1 : null,
    v: index + 1,
  };
  for (const [field, pool] of Object.entries(FIELDS[collection])) row[field] = pick(random, pool);
  for (const [field, pool] of Object.entries(ARRAY_FIELDS[collection])) row[field] = randomArray(random, pool);
  for (const [field, value] of Object.entries(row)) if (value === MISSING) delete row[field];
  return row as StoredRow;
}

const OPERATORS: Operator[] = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'contains', 'startsWith', 'has', 'hasAny', 'empty', 'notEmpty'];
const FRAGMENTS = ['fran', 'FRAN', 'e', 'É', 'zo', 'ann', 'pa', '2024-01', 'evene', ''];

function poolOf(collection: RandomCollection, field: string): readonly unknown[] {
  const pool = FIELDS[collection][field] ?? ARRAY_FIELDS[collection][field] ?? (field === 'updatedAt' || field === 'createdAt' ? UPDATED : field === 'deletedAt' ? [null, UPDATED[3]] : field === 'v' ? [1, 250, 499] : ['a1', 5]);
  return pool.filter((value) => value !== MISSING);
}

/** Foreign keys and lookups that lists filter on most, so equality and membership on them come up often. */
const LOOKUP_FIELDS: Record<RandomCollection, string[]> = {
  contacts: ['companyId', 'ownerId', 'lifecycle', 'id'],
  deals: ['pipelineId', 'stageId', 'companyId', 'ownerId', 'contactIds'],
  activities: ['contactId', 'companyId', 'dealId', 'ownerId', 'dueAt'],
};
const LOOKUP_OPERATORS: Operator[] = ['eq', 'eq', 'in', 'has', 'hasAny'];

function randomCondition(collection: RandomCollection, random: Random): Condition {
  const fields = [...Object.keys(FIELDS[collection]), ...Object.keys(ARRAY_FIELDS[collection]), 'id', 'updatedAt', 'createdAt', 'deletedAt', 'v'];
  const lookup = random() < 0.5;
  const field = pick(random, lookup ? LOOKUP_FIELDS[collection] : fields);
  const pool = poolOf(collection, field);
  const op = pick(random, lookup ? LOOKUP_OPERATORS : OPERATORS);
  switch (op) {
    case 'in':
    case 'nin':
    case 'hasAny':
      return { field, op, value: Array.from({ length: Math.floor(random() * 4) }, () => pick(random, pool)) };
    case 'contains':
    case 'startsWith':
      return { field, op, value: pick(random, FRAGMENTS) };
    case 'empty':
    case 'notEmpty':
      return { field, op };
    default:
      return { field, op, value: pick(random, pool) };
  }
}

function randomSortKey(collection: RandomCollection, random: Random): SortKey {
  const fields = [...Object.keys(FIELDS[collection]), 'id', 'updatedAt', 'createdAt', 'v', ...Object.keys(ARRAY_FIELDS[collection])];
  return { field: pick(random, fields), dir: random() < 0.5 ? 'asc' : 'desc' };
}

export function randomQuery(collection: RandomCollection, random: Random): RowQuery {
  const conditionCount = pick(random, [0, 0, 0, 1, 1, 1, 1, 2, 2, 3]);
  const where = Array.from({ length: conditionCount }, () => randomCondition(collection, random));
  // The board's query: one pipeline, one stage.
  if (collection === 'deals' && random() < 0.15) {
    where.push({ field: 'pipelineId', op: 'eq', value: pick(random, ['p1', 'p2']) }, { field: 'stageId', op: 'eq', value: pick(random, ['s1', 's2', 's3']) });
  }
  const query: RowQuery = {};
  if (where.length > 0 || random() < 0.5) query.where = where;
  const deletedRoll = random();
  if (deletedRoll < 0.15) query.deleted = 'deleted';
  else if (deletedRoll < 0.4) query.deleted = 'all';
  else if (deletedRoll < 0.6) query.deleted = 'alive';
  // The cold-open list (newest first, one page) is the query that matters most: ask it often.
  if (random() < (where.length === 0 ? 0.6 : 0.25)) {
    query.sort = [{ field: 'updatedAt', dir: random() < 0.7 ? 'desc' : 'asc' }];
    if (random() < 0.3) query.sort.push(randomSortKey(collection, random));
  } else if (random() < 0.7) {
    query.sort = Array.from({ length: 1 + Math.floor(random() * 2) }, () => randomSortKey(collection, random));
  }
  if (random() < 0.5) query.offset = Math.floor(random() * 40);
  if (random() < 0.75) query.limit = Math.floor(random() * 60);
  return query;
}

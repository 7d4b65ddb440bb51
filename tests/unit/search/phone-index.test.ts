// The phone number index against a plain model (every entry in one list, sorted at each lookup):
// seeded runs of adds, unsorted adds, removes and lookups, with enough of them that new numbers
// are merged into the main array and removed ones compacted several times.
import { describe, expect, it } from 'vitest';
import { PhoneIndex } from '../../../packages/search/src/phone-index.ts';
import { Prng } from '../../property/prng.ts';

class Model {
  entries: string[] = [];
  add(key: string, phones: string) {
    for (const digits of new Set(phones.split(' '))) if (digits) this.entries.push(`${digits} ${key}`);
  }
  remove(key: string, phones: string) {
    for (const digits of new Set(phones.split(' '))) {
      const at = this.entries.indexOf(`${digits} ${key}`);
      if (digits && at >= 0) this.entries.splice(at, 1);
    }
  }
  lookup(digits: string, limit: number): string[] {
    const keys: string[] = [];
    for (const entry of [...this.entries].sort()) {
      if (!entry.startsWith(digits)) continue;
      const key = entry.slice(entry.indexOf(' ') + 1);
      if (!keys.includes(key) && keys.length < limit) keys.push(key);
    }
    return keys;
  }
}

describe('PhoneIndex', () => {
  for (const seed of [1, 2, 3]) {
    it(`answers prefix lookups like a plain sorted list through 6,000 adds and removes (seed ${seed})`, () => {
      const prng = new Prng(seed);
      const index = new PhoneIndex();
      const model = new Model();
      const phonesOf = new Map<string, string>();
      const number = () => `0${prng.int(1, 7)}${String(prng.int(0, 99_999_999)).padStart(8, '0')}`;
      for (let step = 0; step < 6_000; step++) {
        const key = `contacts:${prng.int(0, 2_500)}`;
        const current = phonesOf.get(key);
        const roll = prng.next();
        if (current !== undefined && roll < 0.35) {
          index.remove(key, current);
          model.remove(key, current);
          phonesOf.delete(key);
        } else if (current === undefined) {
          const phones = Array.from({ length: prng.int(1, 3) }, number).join(' ');
          const bulk = step < 1_500 && prng.chance(0.5);
          if (bulk) index.addUnsorted(key, phones);
          else index.add(key, phones);
          model.add(key, phones);
          phonesOf.set(key, phones);
        }
        if (step % 97 === 0) {
          for (const prefix of ['0', `0${prng.int(1, 7)}`, `0${prng.int(1, 7)}${prng.int(0, 9)}`, number().slice(0, prng.int(4, 10))]) {
            expect(index.lookup(prefix, 20), `seed ${seed} step ${step} prefix ${prefix}`).toEqual(model.lookup(prefix, 20));
          }
          expect(index.size).toBe(model.entries.length);
        }
      }
      for (const [key, phones] of phonesOf) {
        const first = phones.split(' ')[0];
        expect(index.lookup(first, 50)).toContain(key);
      }
    });
  }

  it('lists a contact again when a number removed from it is added back', () => {
    const index = new PhoneIndex();
    index.addUnsorted('contacts:a', '0612345678');
    index.addUnsorted('contacts:b', '0698765432');
    expect(index.lookup('06', 10)).toEqual(['contacts:a', 'contacts:b']);
    index.remove('contacts:a', '0612345678');
    expect(index.lookup('06', 10)).toEqual(['contacts:b']);
    index.add('contacts:a', '0612345678');
    expect(index.lookup('06', 10)).toEqual(['contacts:a', 'contacts:b']);
    expect(index.size).toBe(2);
  });
});

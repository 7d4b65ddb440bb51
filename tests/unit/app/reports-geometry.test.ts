// The shapes the chart layers draw: bands, stacks, donut arcs, lines, heat steps, labels.
import { describe, expect, it } from 'vitest';
import { arcPath, bands, fitLabel, heatLevel, linePath, slices, stackStarts, subBand, valueMax } from '../../../src/lib/reports/chart-geometry.ts';

describe('bands', () => {
  it('splits a length into equal bands with gaps between and margins outside', () => {
    const b = bands(4, 400, 0.25, 0);
    expect(b.step).toBeCloseTo(400 / 3.75);
    expect(b.size).toBeCloseTo(b.step * 0.75);
    expect(b.start(0)).toBe(0);
    expect(b.start(3) + b.size).toBeCloseTo(400);
  });

  it('gives nothing to draw for no points or no room', () => {
    expect(bands(0, 400).size).toBe(0);
    expect(bands(3, 0).step).toBe(0);
  });

  it('places side-by-side bars inside a band without overlap', () => {
    const a = subBand(30, 3, 0);
    const c = subBand(30, 3, 2);
    expect(a.offset).toBe(0);
    expect(c.offset + c.width).toBeCloseTo(30);
    expect(subBand(30, 1, 0)).toEqual({ offset: 0, width: 30 });
  });
});

describe('stacks and the value axis', () => {
  it('starts each part where the previous ended, ignoring negative and missing values', () => {
    expect(stackStarts([2, 0, 3, -1, 4])).toEqual([0, 2, 2, 5, 5]);
  });

  it('takes the largest stack or the largest single value for the axis', () => {
    const points = [{ values: [1, 2] }, { values: [3, 0] }];
    expect(valueMax(points, true)).toBe(3);
    expect(valueMax([{ values: [1, 2] }, { values: [0, 2.5] }], true)).toBe(3);
    expect(valueMax([{ values: [1, 2] }, { values: [0, 2.5] }], false)).toBe(2.5);
  });
});

describe('donut', () => {
  it('shares the circle by value from noon, leaving out zeros', () => {
    const parts = slices([1, 0, 3]);
    expect(parts.map((p) => p.index)).toEqual([0, 2]);
    expect(parts[0].start).toBe(0);
    expect(parts[0].end).toBeCloseTo(Math.PI / 2);
    expect(parts[1].end).toBeCloseTo(Math.PI * 2);
    expect(parts[1].share).toBe(0.75);
    expect(slices([0, 0])).toEqual([]);
  });

  it('draws a quarter ring from noon to three o’clock', () => {
    expect(arcPath(50, 50, 20, 40, 0, Math.PI / 2)).toBe('M50,10A40,40 0 0 1 90,50L70,50A20,20 0 0 0 50,30Z');
  });

  it('draws a full ring as two halves (an arc cannot end where it starts)', () => {
    expect(arcPath(0, 0, 1, 2, 0, Math.PI * 2).match(/M/g)).toHaveLength(2);
  });
});

describe('lines, heat and labels', () => {
  it('joins points into one path', () => {
    expect(linePath([[0, 10], [5.555, 2]])).toBe('M0,10L5.56,2');
  });

  it('shades empty hours apart from the quietest busy hour', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 10)).toBe(1);
    expect(heatLevel(10, 10)).toBe(5);
    expect(heatLevel(6, 10)).toBe(3);
    expect(heatLevel(3, 0)).toBe(0);
  });

  it('cuts long labels with an ellipsis to the room they have', () => {
    expect(fitLabel('Contact made', 200)).toBe('Contact made');
    expect(fitLabel('Contact made', 49)).toBe('Contac…');
    expect(fitLabel('Anything', 7)).toBe('');
  });
});

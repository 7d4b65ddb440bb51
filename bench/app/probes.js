// In-page instruments of the app bench, injected as text before the app's own scripts in every
// page of a bench browser (context.addInitScript). Plain JavaScript on purpose: functions that
// go through tsx get esbuild's `__name` helpers, which do not exist in the page.
//
// Times are performance.now() of the page unless named `epoch` (performance.timeOrigin + now,
// comparable between pages of one machine after calibration). "Painted" means the first frame
// whose requestAnimationFrame callback saw the wanted DOM, plus a message posted from that
// callback: the message runs after the frame's rendering, so its time is when that frame was
// painted (the usual next-paint probe).
(() => {
  if (window.__appBench) return;

  /** Long tasks (≥ 50 ms) of this document, as [startTime, duration]. */
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No longtask support: the list stays empty and the driver reports it.
  }

  const channel = new MessageChannel();
  const paintWaiters = [];
  channel.port1.onmessage = () => {
    const t = performance.now();
    const waiter = paintWaiters.shift();
    if (waiter) waiter(t);
  };
  /** From inside a rAF callback: resolves with the time once this frame has been rendered. */
  const postPaint = () =>
    new Promise((resolve) => {
      paintWaiters.push(resolve);
      channel.port2.postMessage(0);
    });
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => postPaint().then(resolve)));

  const q = (selector) => document.querySelector(selector);
  /** What the screens show when they are ready, by name. */
  const probes = {
    /** A contacts table row with its record loaded (not a placeholder). */
    contactRows: () => !!q('[data-testid=table-scroller] tbody tr[aria-rowindex] a.title'),
    /** The board's columns with at least one card. */
    board: () => !!q('[data-testid=deal-column]') && !!q('[data-testid=deal-card]'),
    /** A contact page: its fields filled and its activity timeline read (items or the empty text). */
    record: () => {
      const first = q('input#field-firstName');
      const panel = q('main section.panel');
      return !!first && first.value !== '' && !!panel && !!panel.querySelector(':scope > ol.timeline, :scope > p.muted:not([role=status])');
    },
  };

  /** Polls `check` once per frame; resolves with the paint time of the first frame where it holds. */
  const frameWhen = (check, timeoutMs = 60_000) =>
    new Promise((resolve) => {
      const start = performance.now();
      const tick = () => {
        if (check()) postPaint().then(resolve);
        else if (performance.now() - start > timeoutMs) resolve(null);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });

  const bench = {
    longTasks,
    supportsLongTasks: PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false,
    probes,
    afterPaint,
    frameWhen,
    epochNow: () => performance.timeOrigin + performance.now(),
    /** Set for a page opened on /contacts: when its first loaded rows were painted. */
    firstRows: null,
    /** The measurement armed by `armClick`, resolved after the click and the wanted paint. */
    armed: null,

    /**
     * Arms a measurement: the next click inside `selector` starts the clock (its event time),
     * and the paint where probe `name` holds stops it. Read the result from `armed`.
     */
    armClick(selector, name, timeoutMs = 60_000) {
      bench.armed = new Promise((resolve) => {
        const onClick = (event) => {
          if (!(event.target instanceof Element) || !event.target.closest(selector)) return;
          document.removeEventListener('click', onClick, true);
          const clickAt = event.timeStamp;
          frameWhen(probes[name], timeoutMs).then((paintedAt) => resolve({ clickAt, paintedAt, ms: paintedAt === null ? null : paintedAt - clickAt }));
        };
        document.addEventListener('click', onClick, true);
      });
    },

    /**
     * Keystroke → paint for inputs matching `selector`: each character key's keydown time, and
     * the paint of the first frame after its input event (the app's handlers and the effects
     * they schedule have run by then). `changed` says whether `watch` (a selector) mutated.
     */
    keystrokes: [],
    watchKeystrokes(selector, watch) {
      let current = null;
      let mutations = 0;
      const observer = new MutationObserver((records) => (mutations += records.length));
      let observed = null;
      document.addEventListener('keydown', (event) => {
        if (!(event.target instanceof Element) || !event.target.matches(selector) || event.key.length !== 1) return;
        const target = q(watch);
        if (target && target !== observed) {
          observer.disconnect();
          observer.observe(target, { childList: true, subtree: true, characterData: true, attributes: true });
          observed = target;
        }
        mutations = 0;
        current = { key: event.key, keydownAt: event.timeStamp, paintedAt: null, changed: false };
        bench.keystrokes.push(current);
      }, true);
      window.addEventListener('input', (event) => {
        if (!current || !(event.target instanceof Element) || !event.target.matches(selector)) return;
        const stroke = current;
        current = null;
        requestAnimationFrame(() => {
          stroke.changed = mutations > 0 || observer.takeRecords().length > 0;
          postPaint().then((t) => (stroke.paintedAt = t));
        });
      });
    },

    /** Epoch times of Enter keydowns in inputs matching `selector` (the remote-edit writer). */
    enters: [],
    watchEnters(selector) {
      document.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && event.target instanceof Element && event.target.matches(selector)) {
          bench.enters.push(performance.timeOrigin + event.timeStamp);
        }
      }, true);
    },

    /** Epoch time of the paint of the first frame where the input `selector` shows `value`. */
    whenValue(selector, value, timeoutMs = 30_000) {
      return frameWhen(() => q(selector)?.value === value, timeoutMs).then((t) => (t === null ? null : performance.timeOrigin + t));
    },

    /**
     * Scrolls the table by `rowsPerFrame` rows of `rowHeight` px each frame until `rows` rows
     * went by. Returns the frame intervals and how many frames showed placeholder rows.
     */
    scrollTable(rows, rowsPerFrame, rowHeight) {
      return new Promise((resolve) => {
        const scroller = q('[data-testid=table-scroller]');
        const from = scroller.scrollTop;
        const to = from + rows * rowHeight;
        const frames = [];
        let blankFrames = 0;
        let last = null;
        const startedAt = performance.now();
        const step = (t) => {
          if (last !== null) frames.push(t - last);
          last = t;
          const box = scroller.getBoundingClientRect();
          for (const cell of scroller.querySelectorAll('tbody .placeholder')) {
            const r = cell.getBoundingClientRect();
            if (r.bottom > box.top && r.top < box.bottom) {
              blankFrames++;
              break;
            }
          }
          if (scroller.scrollTop >= to || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight) {
            resolve({ startedAt, endedAt: performance.now(), frames, blankFrames, scrolledPx: scroller.scrollTop - from });
            return;
          }
          scroller.scrollTop = Math.min(to, scroller.scrollTop + rowsPerFrame * rowHeight);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
    },
  };
  window.__appBench = bench;

  if (location.pathname === '/contacts') {
    frameWhen(probes.contactRows, 120_000).then((t) => (bench.firstRows = t));
  }
})();

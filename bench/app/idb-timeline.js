// Diagnostic instrument of the app bench: times every IndexedDB request of the page (from the
// call to its first success, and for cursors to their end) by store, index and method, into
// window.__idbTimeline. Used only on runs that are not counted (it adds a little work to each
// request). Plain JavaScript for the reason given in probes.js.
(() => {
  if (window.__idbTimeline) return;
  const log = (window.__idbTimeline = []);
  const wrap = (proto, kind, methods) => {
    for (const m of methods) {
      const orig = proto[m];
      if (!orig) continue;
      proto[m] = function (...args) {
        const req = orig.apply(this, args);
        const name = kind === 'index' ? `${this.objectStore.name}[${this.name}]` : this.name;
        const entry = { op: `${name}.${m}`, start: performance.now(), end: null };
        log.push(entry);
        const cursor = m === 'openCursor' || m === 'openKeyCursor';
        req.addEventListener('success', () => {
          if (!cursor || req.result === null) entry.end ??= performance.now();
        });
        return req;
      };
    }
  };
  wrap(IDBObjectStore.prototype, 'store', ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor', 'put', 'add', 'delete']);
  wrap(IDBIndex.prototype, 'index', ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']);
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const req = open.apply(this, args);
    const entry = { op: 'open database', start: performance.now(), end: null };
    log.push(entry);
    req.addEventListener('success', () => (entry.end = performance.now()));
    return req;
  };
})();

// Short messages shown at the bottom of the screen (undo done, a write failed), announced to
// screen readers through a live region. An optional action (e.g. Undo) rides along.
import { createContext } from 'svelte';

export interface NoticeAction {
  label: string;
  run: () => void;
  /**
   * The action calls the store's undo, which reverts the user's latest step: it is only right
   * until the user changes something else, so it is withdrawn then (`changedSince`).
   */
  undoesLastStep?: boolean;
}

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: NoticeAction;
}

export class Notices {
  list = $state.raw<Notice[]>([]);
  #next = 1;

  show(text: string, options: { tone?: Notice['tone']; action?: NoticeAction; ms?: number } = {}): void {
    const notice: Notice = { id: this.#next++, text, tone: options.tone ?? 'info', action: options.action };
    this.list = [...this.list.slice(-3), notice];
    setTimeout(() => this.dismiss(notice.id), options.ms ?? (notice.tone === 'error' ? 10_000 : 5_000));
  }

  error(text: string): void {
    this.show(text, { tone: 'error' });
  }

  /** The user changed something (or undid, or redid): "undo the latest step" actions no longer mean what they say. */
  changedSince(): void {
    if (this.list.some((n) => n.action?.undoesLastStep)) {
      this.list = this.list.map((n) => (n.action?.undoesLastStep ? { ...n, action: undefined } : n));
    }
  }

  dismiss(id: number): void {
    this.list = this.list.filter((n) => n.id !== id);
  }
}

export const [getNotices, setNotices] = createContext<Notices>();

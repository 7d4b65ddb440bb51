// Light or dark interface: follows the system until the user picks one, then remembers it.
import { createContext } from 'svelte';

const KEY = 'carnet.theme';
export type ThemeChoice = 'light' | 'dark';

export class Theme {
  #storage: Storage;
  choice = $state<ThemeChoice | null>(null);
  system = $state<ThemeChoice>('light');
  current: ThemeChoice = $derived(this.choice ?? this.system);

  constructor(storage: Storage) {
    this.#storage = storage;
    const saved = storage.getItem(KEY);
    this.choice = saved === 'light' || saved === 'dark' ? saved : null;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    this.system = query.matches ? 'dark' : 'light';
    query.addEventListener('change', (e) => (this.system = e.matches ? 'dark' : 'light'));
  }

  toggle(): void {
    this.choice = this.current === 'dark' ? 'light' : 'dark';
    this.#storage.setItem(KEY, this.choice);
  }
}

export const [getTheme, setTheme] = createContext<Theme>();

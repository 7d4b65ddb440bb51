// Ambient types for SvelteKit. Carnet has no server-side load functions, so App.* stay empty.
declare global {
  namespace App {}
}

export {};

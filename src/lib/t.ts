// Typed access to the page's translation function for our own keys (Starlight types only its own).
export type T = (key: string, vars?: Record<string, unknown>) => string;
// Starlight types locals.t by its own UI keys; ours (src/content/i18n) are added at run time.
export const tOf = (locals: App.Locals): T => locals.t as unknown as T;

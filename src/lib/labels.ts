// Builds the labels object an island takes, on the server, from the page's translation function.
import type { T } from './t.ts';

export function labelsFor<K extends string>(t: T, prefix: string, keys: readonly K[]): Record<K, string> {
	return Object.fromEntries(keys.map((k) => [k, t(`${prefix}.${k}`)])) as Record<K, string>;
}

import { json, type Service } from '../http.ts';
import type { Stack } from '../stack.ts';

export function restService(_stack: Stack): Service {
	return { prefix: '/rest/v1', handle: async () => json({ message: 'not implemented yet' }, 501) };
}

import { json, type Service } from '../http.ts';
import type { Stack } from '../stack.ts';

export function storageService(_stack: Stack): Service {
	return { prefix: '/storage/v1', handle: async () => json({ message: 'not implemented yet' }, 501) };
}

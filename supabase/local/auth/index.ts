import { json, type Service } from '../http.ts';
import type { Stack } from '../stack.ts';

export function authService(_stack: Stack): Service {
	return { prefix: '/auth/v1', handle: async () => json({ message: 'not implemented yet' }, 501) };
}

import { json, type Service } from './http.ts';
import type { Stack } from './stack.ts';
export interface Scheduler { service: Service; start(): void; stop(): void; tick(): Promise<void> }
export function createScheduler(_stack: Stack): Scheduler {
	return { service: { prefix: '/_cron', handle: async () => json({}, 501) }, start() {}, stop() {}, async tick() {} };
}

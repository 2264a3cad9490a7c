// What the admin page sends to publish-download once the file is in the `downloads` bucket: the item,
// the version, the object it uploaded (<item id>/<version>/<file>, rules.ts) and the sha256 the
// browser computed of the bytes it sent. The server computes its own and publishes only when both agree.
import { z } from 'zod';
import { isStoragePathOf, SUPPORT_STATUSES, VERSION_PATTERN } from './rules.ts';

export const publishInput = z
	.strictObject({
		item: z.guid(),
		version: z.string().regex(VERSION_PATTERN),
		notes: z.string().max(5000).default(''),
		storage_path: z.string().max(300),
		sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).transform((s) => s.toLowerCase()),
		support_status: z.enum(SUPPORT_STATUSES).default('current'),
	})
	.superRefine((v, ctx) => {
		if (!isStoragePathOf(v.storage_path, v.item, v.version)) {
			ctx.addIssue({ code: 'custom', path: ['storage_path'], message: 'expected <item id>/<version>/<file>' });
		}
	});
export type PublishInput = z.infer<typeof publishInput>;

export function inputIssues(error: z.ZodError): { field: string; message: string }[] {
	return error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
}

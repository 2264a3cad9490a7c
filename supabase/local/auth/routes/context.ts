// What every auth route receives besides the request: the stack and the auth settings from config.toml.
import type { Ctx } from '../../http.ts';
import type { AuthSettings } from '../settings.ts';
import type { ClientInfo } from '../sessions.ts';

export interface AuthCtx extends Ctx {
	settings: AuthSettings;
}

export type Route = (req: Request, ctx: AuthCtx) => Promise<Response>;

export function clientInfo(req: Request): ClientInfo {
	return { userAgent: req.headers.get('user-agent') };
}

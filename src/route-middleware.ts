// Starlight reads "last updated" from git or from its own `lastUpdated` field; our articles carry
// `updated` (part of the content model), so the page shows that date.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

export const onRequest = defineRouteMiddleware((context) => {
	const route = context.locals.starlightRoute;
	const updated = (route.entry.data as { updated?: Date }).updated;
	if (updated instanceof Date) route.lastUpdated = updated;
});

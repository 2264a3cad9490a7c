import type { APIRoute } from 'astro';
import { alertsFeed } from '../../lib/feeds.ts';

export const GET: APIRoute = (context) => alertsFeed(context);

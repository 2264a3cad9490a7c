import type { APIRoute } from 'astro';
import { releasesFeed } from '../../lib/feeds.ts';

export const GET: APIRoute = (context) => releasesFeed(context);

// The ticket form's build-time props as JSON, in the language of the page's address: what the article
// launcher fetches when the form is first opened (src/islands/ticket-form/form-data.ts).
import type { APIRoute } from 'astro';
import { tOf } from '../../lib/t.ts';
import { ticketFormProps } from './props.ts';

export const GET: APIRoute = ({ locals, url }) => Response.json(ticketFormProps(tOf(locals), url.pathname.startsWith('/en/') ? 'en' : 'es'));

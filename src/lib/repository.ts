// The repository the articles live in (MOSTRADOR_REPO_URL): "Editar esta página" (astro.config.mjs)
// and the knowledge-gap report's "write this article" link to it.
export const REPO_URL: string = process.env.MOSTRADOR_REPO_URL ?? 'https://github.com/quetzal-software/mostrador';

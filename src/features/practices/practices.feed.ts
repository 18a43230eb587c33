/**
 * The Atom feed (RFC 4287) of new practice sheets: the 50 newest sheets of public alliances, newest first, each
 * with its title, summary, alliance and link. Text is escaped for XML; ids are stable tag URIs.
 */

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

export interface FeedSheet {
  id: string
  title: string
  summary: string
  published_at: string
  updated_at: string
  alliance_name: string
}

/** The feed document; `publicUrl` makes links absolute (relative when empty). */
export function atomFeed(sheets: FeedSheet[], options: { publicUrl: string; title: string; subtitle: string }): string {
  const base = options.publicUrl.replace(/\/$/, '')
  const updated = sheets.reduce((latest, s) => (s.updated_at > latest ? s.updated_at : latest), '1970-01-01T00:00:00.000Z')
  const entries = sheets
    .map(
      (s) => `  <entry>
    <id>tag:alliance,2026:pratique:${s.id}</id>
    <title>${escapeXml(s.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(`${base}/pratiques/${s.id}`)}"/>
    <published>${s.published_at}</published>
    <updated>${s.updated_at}</updated>
    <author><name>${escapeXml(s.alliance_name)}</name></author>
    <summary>${escapeXml(s.summary)}</summary>
  </entry>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>tag:alliance,2026:pratiques</id>
  <title>${escapeXml(options.title)}</title>
  <subtitle>${escapeXml(options.subtitle)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/pratiques/flux.atom`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${base}/pratiques`)}"/>
  <updated>${updated}</updated>
${entries}
</feed>
`
}

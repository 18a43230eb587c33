/**
 * An organisation's public contact details as list items (its website, e-mail and telephone, each only when
 * declared), for the profile page and for the contact cards other features show once people have agreed to be
 * put in touch. The website is user-supplied: `nofollow noopener ugc`.
 */
export interface OrganisationContact {
  website: string | null
  contact_email: string | null
  contact_phone: string | null
}

/** The `<li>` items of an organisation's contact details (none when nothing is declared). */
export function ContactItems({ organisation: o }: { organisation: OrganisationContact }) {
  return (
    <>
      {o.website ? (
        <li>
          <a href={o.website} rel="nofollow noopener ugc">
            {o.website}
          </a>
        </li>
      ) : null}
      {o.contact_email ? (
        <li>
          <a href={`mailto:${o.contact_email}`}>{o.contact_email}</a>
        </li>
      ) : null}
      {o.contact_phone ? <li>{o.contact_phone}</li> : null}
    </>
  )
}

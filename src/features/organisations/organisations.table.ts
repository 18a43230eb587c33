/** Kysely types of organisations (actors), their perimeters, SDGs, memberships and invitations. */
import type { MembershipRole } from '../../core/access/actor.js'

export interface OrganisationsTable {
  id: string
  /** code of the vocabulary kind `world` */
  world: string
  name: string
  /** normalised name for search (lower case, no accents) */
  search_name: string
  siren: string | null
  siret: string | null
  rna: string | null
  seat_commune_id: string
  /** code of the vocabulary kind `organisation_size` */
  size_band: string | null
  description: string
  website: string | null
  contact_email: string | null
  contact_phone: string | null
  /** 1 for the fictional demonstration dataset */
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

/**
 * The identifiers a platform admin verified for an organisation (as they were then): an identifier is
 * "vérifié" while it equals the verified value, "déclaré" otherwise (only its check digit is known good).
 */
export interface IdentifierVerificationsTable {
  organisation_id: string
  siret: string | null
  rna: string | null
  verified_by: string | null
  verified_at: string
}

/** A SIRET or RNA declared by an organisation while another holds it: reviewed by a platform admin. */
export interface IdentifierClaimsTable {
  id: string
  /** the organisation that claims the identifier */
  organisation_id: string
  field: 'siret' | 'rna'
  value: string
  /** the organisation that held it when the claim was made */
  holder_id: string | null
  status: 'en_revue' | 'accordee' | 'refusee'
  claimed_by: string | null
  created_at: string
  decided_by: string | null
  decided_at: string | null
}

export interface OrganisationPerimetersTable {
  organisation_id: string
  territory_id: string
}

export interface OrganisationSdgsTable {
  organisation_id: string
  sdg: number
}

export interface MembershipsTable {
  user_id: string
  organisation_id: string
  role: MembershipRole
  created_at: string
}

export interface InvitationsTable {
  id: string
  organisation_id: string
  email: string
  role: MembershipRole
  /** SHA-256 of the token sent in the link (the token itself is never stored) */
  token_hash: string
  invited_by: string | null
  created_at: string
  expires_at: string
  accepted_at: string | null
  accepted_by: string | null
  revoked_at: string | null
}

export interface OrganisationTables {
  organisations: OrganisationsTable
  organisation_perimeters: OrganisationPerimetersTable
  organisation_sdgs: OrganisationSdgsTable
  memberships: MembershipsTable
  invitations: InvitationsTable
  identifier_claims: IdentifierClaimsTable
  identifier_verifications: IdentifierVerificationsTable
}

/**
 * The official geography as published in the npm package `@etalab/decoupage-administratif`
 * (INSEE Code officiel géographique, DGCL intercommunalities, INSEE EPT; Licence Ouverte / MIT).
 *
 * Only current communes are kept (not communes déléguées or associées, nor the municipal arrondissements
 * of Paris, Lyon and Marseille). `subsetSource` cuts the same data down to a few départements for tests,
 * so that tests exercise the real loader on real names and codes.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export interface SourceMember {
  code: string
  populationMunicipale?: number
}
export interface SourceCommune {
  code: string
  nom: string
  type: string
  zone: string
  departement?: string
  region?: string
  siren?: string
  codesPostaux?: string[]
  population?: number
}
export interface SourceGroup {
  code: string
  nom: string
  type: string
  populationMunicipale?: number
  membres: SourceMember[]
}
export interface SourceDepartement {
  code: string
  nom: string
  region: string
  zone: string
  chefLieu?: string
}
export interface SourceRegion {
  code: string
  nom: string
  zone: string
  chefLieu?: string
}

export interface GeographySource {
  version: string
  communes: SourceCommune[]
  epci: SourceGroup[]
  ept: SourceGroup[]
  departements: SourceDepartement[]
  regions: SourceRegion[]
}

const require = createRequire(import.meta.url)

/** Reads the whole package (about 12 MB of JSON); call once per load. */
export function readGeographySource(): GeographySource {
  const pkgFile = require.resolve('@etalab/decoupage-administratif/package.json')
  const dir = dirname(pkgFile)
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(dir, 'data', name), 'utf8')) as T
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string }
  return {
    version: pkg.version,
    communes: read<SourceCommune[]>('communes.json').filter((c) => c.type === 'commune-actuelle'),
    epci: read<SourceGroup[]>('epci.json'),
    ept: read<SourceGroup[]>('ept.json'),
    departements: read<SourceDepartement[]>('departements.json'),
    regions: read<SourceRegion[]>('regions.json'),
  }
}

/**
 * The same source restricted to some départements (their communes, their régions, and the EPCI/EPT that
 * have members there, with only those members). The version is suffixed so it never passes for the full set.
 */
export function subsetSource(source: GeographySource, departementCodes: string[]): GeographySource {
  const keep = new Set(departementCodes)
  const communes = source.communes.filter((c) => c.departement !== undefined && keep.has(c.departement))
  const communeCodes = new Set(communes.map((c) => c.code))
  const cut = (groups: SourceGroup[]) =>
    groups
      .map((g) => ({ ...g, membres: g.membres.filter((m) => communeCodes.has(m.code)) }))
      .filter((g) => g.membres.length > 0)
  const departements = source.departements.filter((d) => keep.has(d.code))
  const regionCodes = new Set(departements.map((d) => d.region))
  return {
    version: `${source.version}-subset-${[...keep].sort().join('-')}`,
    communes,
    epci: cut(source.epci),
    ept: cut(source.ept),
    departements,
    regions: source.regions.filter((r) => regionCodes.has(r.code)),
  }
}

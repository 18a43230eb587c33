/**
 * The OpenAPI document as clients use it: generated from the routes' schemas by `@fastify/swagger`, then finished
 * here so that it passes Redocly's recommended rules and strict validators:
 * - every schema with a `title` (see `named` in `schemas.ts`) becomes a named component, referenced with `$ref`
 *   wherever it appears (the problem schema is written once);
 * - the platform's own annotations (`errorMessage`, the i18n key of a field's message) are removed;
 * - the server is declared (the security schemes come with the document's options: `securitySchemes`).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

const INTERNAL_KEYWORDS = new Set(['errorMessage'])

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Stable text of a schema, to tell two schemas with the same title apart. */
function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k] as Json)}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * Walks `value`, dropping internal keywords and replacing titled schemas by references to `components`.
 * `inSchema` is true below a schema position (where `title` names a component, not an operation); `hoist` is
 * false inside parameters.
 */
function finish(value: Json, components: Map<string, { schema: JsonObject; text: string }>, inSchema: boolean, hoist = true): Json {
  if (Array.isArray(value)) return value.map((item) => finish(item, components, inSchema, hoist))
  if (!isObject(value)) return value
  const out: JsonObject = {}
  for (const [key, child] of Object.entries(value)) {
    if (inSchema && INTERNAL_KEYWORDS.has(key)) continue
    const childIsSchema = inSchema ? !['enum', 'const', 'default', 'examples', 'required'].includes(key) : key === 'schema'
    // Parameters are written inline (the generator moves their description out of the schema).
    out[key] = finish(child as Json, components, childIsSchema, hoist && !(key === 'parameters' && !inSchema))
  }
  if (hoist && inSchema && typeof out.title === 'string' && (out.type !== undefined || out.anyOf !== undefined || out.allOf !== undefined || out.enum !== undefined)) {
    const name = out.title
    const text = canonical(out)
    const known = components.get(name)
    if (known && known.text !== text) throw new Error(`OpenAPI: two different schemas are named ${name}`)
    components.set(name, { schema: out, text })
    return { $ref: `#/components/schemas/${name}` }
  }
  return out
}

export interface DocumentOptions {
  publicUrl: string
}

/**
 * The security schemes of the API, declared with the document's options (the routes' `security` names them):
 * the session cookie, and the CSRF token every state-changing request carries.
 */
export function securitySchemes(sessionCookie: string) {
  return {
    session: {
      type: 'apiKey' as const,
      in: 'cookie',
      name: sessionCookie,
      description: 'The session cookie set by signing in on the site (`POST /connexion`).',
    },
    csrf: {
      type: 'apiKey' as const,
      in: 'header',
      name: 'X-CSRF-Token',
      description: 'Every state-changing request carries the CSRF token of the session (read it from the `_csrf` field of any form of the site).',
    },
  }
}

/** Finishes the document produced by `@fastify/swagger` (see the module's JSDoc). */
export function finishOpenApiDocument(document: Record<string, unknown>, options: DocumentOptions): Record<string, unknown> {
  const components = new Map<string, { schema: JsonObject; text: string }>()
  const paths = finish((document.paths ?? {}) as Json, components, false)
  const existing = (document.components ?? {}) as JsonObject
  const schemas: JsonObject = {}
  for (const name of [...components.keys()].sort()) schemas[name] = (components.get(name) as { schema: JsonObject }).schema
  return {
    ...document,
    servers: [{ url: options.publicUrl, description: 'This instance of Alliance' }],
    paths,
    components: {
      ...existing,
      schemas,
    },
  }
}

/** Pieces shared by the catalysis API: the problem schema, id params, the tag. */
import Type from 'typebox'

export const TAG = 'catalysis'
export const Problem = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String() }, { additionalProperties: true })
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])
export const IdParams = Type.Object({ id: Type.String() })
export const Ok = Type.Object({ ok: Type.Boolean() })

/** The usual error answers of a write route. */
export const WRITE_ERRORS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }

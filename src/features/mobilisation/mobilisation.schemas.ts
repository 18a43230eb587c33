/** Schema pieces every part of mobilisation uses: the body of a button that only confirms, an optional reason. */
import Type from 'typebox'

/** A form that only confirms an act (its CSRF token aside, it posts nothing). */
export const EmptyBody = Type.Object({}, { additionalProperties: false })

/** An act with an optional reason (withdrawing a pledge or an application). */
export const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false })

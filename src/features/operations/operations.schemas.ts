/** Input schemas of the operators' console: the pages' filters. */
import Type from 'typebox'
import { Enum } from '../../core/http/schemas.js'
import { MAIL_STATUSES } from './operations.service.js'

/** `?page=` of the jobs page. */
export const JobsQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) })

/** `?page=&statut=` of the e-mail list. */
export const MailQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  statut: Type.Optional(Enum(MAIL_STATUSES)),
})

/**
 * Application errors with stable codes.
 *
 * Services throw `AppError`; routes never build error responses by hand. The HTTP error handler turns an
 * `AppError` into an HTML page (or a re-rendered form with an error summary) or into
 * `application/problem+json` for `/api/` routes. Every code is listed in `docs/errors.md`; a test checks
 * that the registry and the document agree.
 */
import type { MessageKey } from './i18n/index.js'

export const ERROR_CODES = {
  ALLIANCE_ERR_VALIDATION: 400,
  ALLIANCE_ERR_BAD_REQUEST: 400,
  ALLIANCE_ERR_UNAUTHENTICATED: 401,
  ALLIANCE_ERR_FORBIDDEN: 403,
  ALLIANCE_ERR_CSRF: 403,
  ALLIANCE_ERR_NOT_FOUND: 404,
  ALLIANCE_ERR_CONFLICT: 409,
  ALLIANCE_ERR_DUPLICATE_EMAIL: 409,
  ALLIANCE_ERR_LAST_ADMIN: 409,
  ALLIANCE_ERR_ALREADY_PARTNER: 409,
  ALLIANCE_ERR_LAST_COORDINATOR: 409,
  ALLIANCE_ERR_CHARTER_OUTDATED: 409,
  ALLIANCE_ERR_INVITATION_INVALID: 410,
  ALLIANCE_ERR_LINK_INVALID: 410,
  ALLIANCE_ERR_QUESTIONNAIRE_FROZEN: 409,
  ALLIANCE_ERR_CAMPAIGN_CLOSED: 409,
  ALLIANCE_ERR_ALREADY_SUBMITTED: 409,
  ALLIANCE_ERR_WEIGHTING_FAILED: 400,
  ALLIANCE_ERR_ROUND_CLOSED: 409,
  ALLIANCE_ERR_ALREADY_APPROVED: 409,
  ALLIANCE_ERR_REVIEW_NOT_APPROVED: 409,
  ALLIANCE_ERR_DEADLINE_PASSED: 409,
  ALLIANCE_ERR_INSUFFICIENT_FUNDS: 409,
  ALLIANCE_ERR_CONFLICT_OF_INTEREST: 403,
  ALLIANCE_ERR_PAYLOAD_TOO_LARGE: 413,
  ALLIANCE_ERR_RATE_LIMITED: 429,
  ALLIANCE_ERR_INTERNAL: 500,
  ALLIANCE_ERR_UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof ERROR_CODES
/** The HTTP statuses of the codes (each has its `error.title.<status>` message). */
export type ErrorStatus = (typeof ERROR_CODES)[ErrorCode]

/**
 * A problem with one input field. `message` is an i18n key (with optional `params`) so the same error
 * reads in French or English; `field` is the form/JSON property name.
 */
export interface FieldProblem {
  field: string
  message: MessageKey
  params?: Record<string, string | number>
}

export interface AppErrorOptions {
  /** Field-level problems, shown next to each field and in the error summary. */
  fields?: FieldProblem[]
  /** A related resource, e.g. the existing actor with the same SIRET (shown as a link). */
  link?: { href: string; label: MessageKey }
  params?: Record<string, string | number>
  cause?: unknown
}

/**
 * An expected failure with a stable code, an HTTP status derived from the code, and a message key.
 * Edge case: `ALLIANCE_ERR_NOT_FOUND` is also what another organisation's private object answers, so that
 * existence never leaks (never use 403 for objects the actor may not see at all).
 */
export class AppError extends Error {
  readonly status: ErrorStatus
  readonly fields: FieldProblem[]
  readonly link: AppErrorOptions['link']
  readonly params: Record<string, string | number>

  constructor(
    readonly code: ErrorCode,
    /** i18n key of the human message. */
    readonly messageKey: MessageKey,
    options: AppErrorOptions = {},
  ) {
    super(`${code}: ${messageKey}`, { cause: options.cause })
    this.status = ERROR_CODES[code]
    this.fields = options.fields ?? []
    this.link = options.link
    this.params = options.params ?? {}
  }
}

/** Shorthand for a 400 with field problems (the most common error of a form). */
export function validationError(fields: FieldProblem[]): AppError {
  return new AppError('ALLIANCE_ERR_VALIDATION', 'error.validation', { fields })
}

/** Shorthand for the 404 used both for missing objects and for objects the actor may not see. */
export function notFound(): AppError {
  return new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
}

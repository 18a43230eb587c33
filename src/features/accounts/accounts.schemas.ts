/**
 * Input schemas of sign-up, sign-in, password reset, account settings, the second factor and the security log.
 * The hidden `retour` of the sign-in forms is not in them: it is not a person's input, and whatever it holds only
 * a path of this site is followed (`returnPathOf`), so an odd value never refuses a sign-in.
 */
import Type from 'typebox'
import { Enum } from '../../core/http/schemas.js'
import { LOCALES } from '../../core/i18n/index.js'
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.js'

/** `?retour=` of the sign-up and sign-in pages (a path of this site, checked by `returnPathOf`). */
export const ReturnQuery = Type.Object({ retour: Type.Optional(Type.String({ maxLength: 2000 })) })

/** `?page=` of the security logs. */
export const LogPageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) })

export const SignUpForm = Type.Object({
  display_name: Type.String({ minLength: 2, maxLength: 100 }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  password: Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }),
})

export const SignInForm = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
})

/** A TOTP code (6 digits, spaces allowed) or a recovery code (xxxx-xxxx). */
export const SecondFactorForm = Type.Object({
  code: Type.String({ minLength: 6, maxLength: 20 }),
})

export const ForgotForm = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
})

export const ResetForm = Type.Object({
  password: Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }),
})

export const ProfileForm = Type.Object({
  display_name: Type.String({ minLength: 2, maxLength: 100 }),
  locale: Enum(LOCALES),
})

export const PasswordForm = Type.Object({
  current_password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
  new_password: Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }),
})

/** Turning the second factor off, or renewing recovery codes: password and a current code. */
export const ConfirmFactorForm = Type.Object({
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
  code: Type.String({ minLength: 6, maxLength: 20 }),
})

/** Erasing the account: the password again, as a deliberate act. */
export const EraseForm = Type.Object({
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
})

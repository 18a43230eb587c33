/** Input schemas of sign-up, sign-in, password reset, account settings and the second factor. */
import Type from 'typebox'
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.js'

export const SignUpForm = Type.Object({
  display_name: Type.String({ minLength: 2, maxLength: 100 }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  password: Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }),
  retour: Type.Optional(Type.String({ maxLength: 500 })),
})

export const SignInForm = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
  retour: Type.Optional(Type.String({ maxLength: 500 })),
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
  locale: Type.Union([Type.Literal('fr'), Type.Literal('en')], { errorMessage: 'form.error.invalid' }),
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

/** Input schemas of sign-up, sign-in and account settings. */
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

export const ProfileForm = Type.Object({
  display_name: Type.String({ minLength: 2, maxLength: 100 }),
  locale: Type.Union([Type.Literal('fr'), Type.Literal('en')], { errorMessage: 'form.error.invalid' }),
})

export const PasswordForm = Type.Object({
  current_password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
  new_password: Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }),
})

/** Erasing the account: the password again, as a deliberate act. */
export const EraseForm = Type.Object({
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
})

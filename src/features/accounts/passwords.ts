/**
 * Password hashing with argon2id (the `argon2` package, OWASP's recommended parameters: 19 MiB, 2 passes).
 * `verifyPassword` on an unknown account still spends the same time, so response times do not reveal
 * which e-mails have an account.
 */
import argon2 from 'argon2'

const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS)
}

let dummyHash: Promise<string> | undefined

/** True when `password` matches `hash`; with `hash` undefined, burns the same time and returns false. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (hash === undefined) {
    dummyHash ??= argon2.hash('not-a-real-password-' + Math.random(), OPTIONS)
    await argon2.verify(await dummyHash, password).catch(() => false)
    return false
  }
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

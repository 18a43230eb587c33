/**
 * What every server-rendered view may know about the request: language, translator, who is signed in,
 * the current path, a CSRF token on demand, and site-wide facts (demo data present, navigation).
 *
 * Passed down with Preact context so that deep components (a field, a lexique link) need no prop drilling.
 */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { Locale, MessageKey, Translate } from '../i18n/index.js'

export interface ViewUser {
  id: string
  displayName: string
  isPlatformAdmin: boolean
}

export interface NavItem {
  href: string
  /** i18n key of the label */
  label: MessageKey
}

export interface Flash {
  kind: 'success' | 'info'
  /** i18n key */
  message: MessageKey
  params?: Record<string, string | number>
}

export interface ViewContext {
  locale: Locale
  t: Translate
  /** Path and query of the current request (for the language switch and "return to" links). */
  path: string
  user: ViewUser | null
  /** A CSRF token for forms; generating it may set the CSRF secret cookie. */
  csrfToken(): string
  /** True when the fictional demonstration dataset is loaded (every page then says so). */
  demo: boolean
  nav: NavItem[]
  flash: Flash | null
  /** Signed-in people: where their notifications are and how many are unread (null: not shown). */
  notifications?: { href: string; unread: number } | null
}

export const ViewCtx = createContext<ViewContext | null>(null)

/** The current view context; throws if a component is rendered outside a page (a programming error). */
export function useView(): ViewContext {
  const ctx = useContext(ViewCtx)
  if (!ctx) throw new Error('useView() hors d’une page rendue par renderPage()')
  return ctx
}

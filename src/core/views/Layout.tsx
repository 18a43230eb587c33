/**
 * The page frame: skip link, logo, landmarks (header, nav, main, footer), language switch, account links and the
 * demonstration-data banner. On small screens the navigation and account links fold behind a "Menu" link that
 * opens them as its `:target` (CSS only, so it works
 * without JavaScript; the header stays one row high). No inline script or style: the CSP stays strict.
 */
import type { ComponentChildren } from 'preact'
import { assetUrl } from '../http/static-assets.js'
import { useView } from './context.js'

export interface LayoutProps {
  title: string
  children: ComponentChildren
  /** Breadcrumb trail above the title, as [label, href] pairs; the last one is the current page. */
  breadcrumb?: Array<{ label: string; href?: string }>
  /** What the page is about, in one or two sentences (search engines, link previews); default: the site's. */
  description?: string
  /** Open Graph type of a public object's page (`article`, `profile`…); default `website`. */
  ogType?: string
  /** Another form of the page (an Atom feed of a list), announced in the head where browsers and readers look. */
  alternate?: { href: string; type: string; title: string }
}

export function Layout({ title, children, breadcrumb, description, ogType = 'website', alternate }: LayoutProps) {
  const { t, locale, path, user, demo, nav, flash, csrfToken, notifications } = useView()
  const other = locale === 'fr' ? 'en' : 'fr'
  const current = path.split('?')[0] ?? path
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Alliance`}</title>
        <meta name="description" content={description ?? t('layout.description')} />
        <meta property="og:site_name" content="Alliance" />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description ?? t('layout.description')} />
        <meta property="og:type" content={ogType} />
        <meta property="og:locale" content={locale === 'fr' ? 'fr_FR' : 'en_GB'} />
        <link rel="stylesheet" href={assetUrl('alliance.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        {alternate ? <link rel="alternate" type={alternate.type} href={alternate.href} title={alternate.title} /> : null}
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {t('layout.skip')}
        </a>
        {demo ? (
          <p class="demo-banner" role="note">
            <strong>{t('layout.demo.title')}</strong> {t('layout.demo.text')}
          </p>
        ) : null}
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <Logo />
              <span class="brand-text">
                <span class="brand-name">Alliance</span>
                <span class="brand-tagline">{t('layout.tagline')}</span>
              </span>
            </a>
            {/* Small screens: the menu is folded behind this link and opens as its target, without a script. */}
            <a class="menu-toggle" href="#menu">
              {t('layout.menu')}
            </a>
            <div class="site-menu" id="menu">
              <div class="header-tools">
                <a class="lang-switch" href={`/langue/${other}?retour=${encodeURIComponent(path)}`} lang={other} hrefLang={other}>
                  {t('layout.switchLanguage')}
                </a>
                {user ? (
                  <>
                    {notifications ? (
                      <a href={notifications.href} class="notifications-link" aria-current={current === notifications.href ? 'page' : undefined}>
                        {t('layout.notifications')}
                        {notifications.unread > 0 ? (
                          <>
                            {' '}
                            <span class="badge badge-count">{notifications.unread}</span>
                            <span class="visually-hidden"> {t('layout.notifications.unread', { count: notifications.unread })}</span>
                          </>
                        ) : null}
                      </a>
                    ) : null}
                    <a href="/mon-espace" aria-current={current === '/mon-espace' ? 'page' : undefined}>
                      {t('layout.workspace')}
                    </a>
                    <a href="/compte">{user.displayName}</a>
                    <form method="post" action="/deconnexion" class="inline-form">
                      <input type="hidden" name="_csrf" value={csrfToken()} />
                      <button type="submit" class="link-button">
                        {t('layout.signOut')}
                      </button>
                    </form>
                  </>
                ) : (
                  <>
                    <a href={`/connexion?retour=${encodeURIComponent(path)}`}>{t('layout.signIn')}</a>
                    <a href="/inscription" class="button button-small">
                      {t('layout.signUp')}
                    </a>
                  </>
                )}
              </div>
              <nav class="site-nav" aria-label={t('layout.mainNav')}>
                <ul>
                  {nav.map((item) => {
                    const active = current === item.href || current.startsWith(item.href + '/')
                    return (
                      <li>
                        <a href={item.href} aria-current={active ? 'page' : undefined}>
                          {t(item.label)}
                        </a>
                      </li>
                    )
                  })}
                </ul>
              </nav>
              <p class="menu-close">
                {/* biome-ignore lint/a11y/useValidAnchor: the menu works without JavaScript (opened by :target); leaving its fragment closes it */}
                <a href="#">{t('layout.menu.close')}</a>
              </p>
            </div>
          </div>
        </header>
        <main id="contenu" class="wrap" tabIndex={-1}>
          {breadcrumb && breadcrumb.length > 0 ? (
            <nav class="breadcrumb" aria-label={t('layout.breadcrumb')}>
              <ol>
                {breadcrumb.map((crumb, i) => (
                  <li>
                    {crumb.href && i < breadcrumb.length - 1 ? (
                      <a href={crumb.href}>{crumb.label}</a>
                    ) : (
                      <span aria-current="page">{crumb.label}</span>
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          {flash ? (
            <div class={`notice notice-${flash.kind}`} role="status">
              {t(flash.message, flash.params)}
            </div>
          ) : null}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('layout.footer.mission')}</p>
            <ul class="footer-links">
              <li>
                <a href="/lexique">{t('nav.lexique')}</a>
              </li>
              <li>
                <a href="/api/docs">{t('layout.footer.api')}</a>
              </li>
              <li>
                <a href="/a-propos">{t('layout.footer.about')}</a>
              </li>
            </ul>
            <p class="credits">{t('layout.footer.credits')}</p>
          </div>
        </footer>
      </body>
    </html>
  )
}

/** The mark of Alliance: three circles of different sizes that overlap, as the actors of a territory do. */
function Logo() {
  return (
    <svg class="logo" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
      <circle class="logo-a" cx="14" cy="15" r="10" />
      <circle class="logo-b" cx="26" cy="15" r="10" />
      <circle class="logo-c" cx="20" cy="26" r="10" />
    </svg>
  )
}

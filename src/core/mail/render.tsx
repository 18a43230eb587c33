/**
 * Renders one e-mail from its template, in the recipient's language: the same parts give the plain-text and
 * the HTML bodies, so they never say different things.
 *
 * A template is a message-key prefix `P` in the catalogues: `P.subject`, `P.body` (paragraphs separated by a
 * blank line) and, when the parameters carry a `link`, `P.action` (the label of the link). Parameters are
 * interpolated as text; the HTML part is escaped by Preact. A relative `link` is made absolute with the
 * public URL. A digest adds `items` (each a message key with its parameters and link), listed after the body.
 * Notification mail adds a footer saying why it was sent and how to stop it.
 * The template and the items are read back from the outbox, so their keys are checked when the mail is rendered
 * (`translateStored`: an unknown key shows as written), not by the compiler.
 */
import { renderToString } from 'preact-render-to-string'
import { translateStored, type Params, type Translate } from '../i18n/index.js'

export interface RenderedMail {
  subject: string
  text: string
  html: string
}

/** One line of a digest: a message key, its parameters, its link. */
export interface MailItem {
  /** a message key (read back from the outbox) */
  message: string
  params: Params
  link?: string
}

export interface MailContent {
  template: string
  params: Params & { link?: string }
  items?: MailItem[]
  /** the one-click unsubscribe page of a notification message (null for account mail) */
  unsubscribeUrl: string | null
}

function absolute(publicUrl: string, link: string): string {
  return /^https?:\/\//.test(link) ? link : `${publicUrl}${link.startsWith('/') ? '' : '/'}${link}`
}

/** The parts of a message: subject, paragraphs, optional action and footer lines. */
function parts(t: Translate, content: MailContent, publicUrl: string) {
  const { template, params } = content
  const paragraphs = translateStored(t, `${template}.body`, params)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const action = params.link ? { label: translateStored(t, `${template}.action`, params), href: absolute(publicUrl, params.link) } : null
  const footer = [t('mail.footer.platform', { url: publicUrl })]
  const items = (content.items ?? []).map((i) => ({ text: translateStored(t, i.message, i.params), href: i.link ? absolute(publicUrl, i.link) : null }))
  return { subject: translateStored(t, `${template}.subject`, params).replace(/[\r\n]+/g, ' '), paragraphs, items, action, footer, unsubscribe: content.unsubscribeUrl }
}

/** Renders subject, text and HTML of a message with the recipient's translator. */
export function renderMail(t: Translate, content: MailContent, publicUrl: string): RenderedMail {
  const p = parts(t, content, publicUrl)
  const text = [
    ...p.paragraphs,
    ...(p.items.length > 0 ? [p.items.map((i) => `- ${i.text}${i.href ? ` : ${i.href}` : ''}`).join('\n')] : []),
    ...(p.action ? [`${p.action.label} : ${p.action.href}`] : []),
    '-- ',
    ...p.footer,
    ...(p.unsubscribe ? [t('mail.footer.unsubscribe.text', { url: p.unsubscribe })] : []),
  ].join('\n\n')
  const lang = t('mail.lang')
  const html =
    '<!doctype html>' +
    renderToString(
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{p.subject}</title>
        </head>
        <body style="margin:0;padding:16px;background:#f6f6f4;font-family:Arial,Helvetica,sans-serif;color:#1e1e1e;line-height:1.5">
          <div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:4px">
            <p style="margin:0 0 16px;font-weight:bold;color:#1b4d3e">Alliance</p>
            {p.paragraphs.map((paragraph) => (
              <p style="margin:0 0 16px">{paragraph}</p>
            ))}
            {p.items.length > 0 ? (
              <ul style="margin:0 0 16px;padding-left:20px">
                {p.items.map((i) => (
                  <li style="margin:0 0 8px">{i.href ? <a href={i.href} style="color:#1b4d3e">{i.text}</a> : i.text}</li>
                ))}
              </ul>
            ) : null}
            {p.action ? (
              <p style="margin:24px 0">
                <a href={p.action.href} style="display:inline-block;background:#1b4d3e;color:#ffffff;padding:10px 16px;border-radius:4px;text-decoration:underline">
                  {p.action.label}
                </a>
              </p>
            ) : null}
            <hr style="border:0;border-top:1px solid #d0d0cc;margin:24px 0 16px" />
            {p.footer.map((line) => (
              <p style="margin:0 0 8px;font-size:13px;color:#4a4a4a">{line}</p>
            ))}
            {p.unsubscribe ? (
              <p style="margin:0;font-size:13px;color:#4a4a4a">
                <a href={p.unsubscribe} style="color:#1b4d3e">
                  {t('mail.footer.unsubscribe.link')}
                </a>
              </p>
            ) : null}
          </div>
        </body>
      </html>,
    )
  return { subject: p.subject, text, html }
}

/**
 * Small pieces every mobilisation page uses: euros from cents, a quantity in a kind's unit, an instant at its Paris
 * time, a progress bar with its figures in words, the page frame with the mobilisation breadcrumb.
 */
import type { ComponentChildren } from 'preact'
import { formatNumber, type Locale } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { formatHundredths, Quantity } from '../../alliances/index.js'
import { formatEuros } from '../../valuation/index.js'

/** Euros from integer cents (`1 500,50 €`). */
export function Cents({ cents }: { cents: number }) {
  const { locale } = useView()
  return <>{formatEuros(locale, BigInt(cents))}</>
}

/** A quantity in its unit (`12,5 heures`, `1 500 €`). */
export function Amount({ hundredths, unit }: { hundredths: number; unit: string }) {
  return <Quantity hundredths={hundredths} unit={unit} />
}

const PARIS_TIME = new Map<Locale, Intl.DateTimeFormat>()

/** An instant written at its Paris time, e.g. « 31 mars 2027 à 12:00 (heure de Paris) ». */
export function parisDateTime(locale: Locale, iso: string): string {
  let format = PARIS_TIME.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })
    PARIS_TIME.set(locale, format)
  }
  return format.format(new Date(iso))
}

export function ParisTime({ iso }: { iso: string }) {
  const { locale, t } = useView()
  return (
    <time dateTime={iso}>
      {parisDateTime(locale, iso)} {t('mobilisation.parisTime')}
    </time>
  )
}

/** A Paris day `YYYY-MM-DD` written out. */
export function Day({ day }: { day: string }) {
  const { locale } = useView()
  return <time dateTime={day}>{new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))}</time>
}

/** A share in percent with no decimal. */
export function percent(locale: Locale, part: number, whole: number): string {
  return `${formatNumber(locale, whole > 0 ? Math.floor((part * 100) / whole) : 0)} %`
}

/**
 * A progress bar of `value` over `max` (capped at 100 % in the picture, never in the words): the figures are also
 * written, so the bar is never the only carrier.
 */
export function Progress({ id, label, value, max, unit }: { id: string; label: string; value: number; max: number; unit: string }) {
  const { locale, t } = useView()
  return (
    <div class="mob-progress">
      <label for={id}>{label}</label>
      <progress id={id} max={max} value={Math.min(value, max)}>
        {percent(locale, value, max)}
      </progress>
      <span class="muted">
        {t('mobilisation.progress.figures', { value: formatHundredths(locale, value, unit), max: formatHundredths(locale, max, unit), share: percent(locale, value, max) })}
      </span>
    </div>
  )
}

/** The page frame with the mobilisation breadcrumb. */
export function MobilisationPage({ title, trail = [], children }: { title: string; trail?: Array<{ label: string; href: string }>; children: ComponentChildren }) {
  const { t } = useView()
  return (
    <Layout title={title} breadcrumb={[{ label: t('mobilisation.title'), href: '/mobilisation' }, ...trail, { label: title }]}>
      {children}
    </Layout>
  )
}

/**
 * How messages leave: SMTP through nodemailer (pooled connections, bounded timeouts so that a stuck server
 * fails the job instead of holding it), or — without `SMTP_URL`, in development and tests — a transport that
 * builds the complete message (same headers and parts) and writes it to the log.
 */
import nodemailer from 'nodemailer'
import type { MailConfig } from '../config.js'

/** One message ready to leave. */
export interface OutgoingMessage {
  /** stable per message: `<id@domain>`, the same on every attempt */
  messageId: string
  to: string
  subject: string
  text: string
  html: string
  /** e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` */
  headers: Record<string, string>
  /** `<lang>` of the message (Content-Language) */
  language: string
}

export interface MailTransport {
  readonly kind: 'smtp' | 'log'
  /** Sends one message; resolves once the SMTP server accepted it (throws otherwise). */
  send(message: OutgoingMessage): Promise<void>
  close(): void
}

/** Timeouts (ms) below the mail job's limit, so that a dead server ends in a retry, not a hung job. */
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 }

/** `log` receives a one-line summary and the raw message of each message when SMTP is not configured. */
export function createMailTransport(config: MailConfig, options: { maxConnections: number; log: (summary: object, raw: string) => void }): MailTransport {
  const base = { from: config.from, ...(config.replyTo ? { replyTo: config.replyTo } : {}) }
  const toMail = (m: OutgoingMessage) => ({ ...base, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, headers: { ...m.headers, 'Content-Language': m.language } })
  if (config.smtpUrl === null) {
    const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    return {
      kind: 'log',
      async send(message) {
        const info = await transporter.sendMail(toMail(message))
        options.log({ messageId: message.messageId, to: message.to, subject: message.subject }, String(info.message))
      },
      close() {
        transporter.close()
      },
    }
  }
  const transporter = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: options.maxConnections, maxMessages: 1000, ...TIMEOUTS })
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transporter.sendMail(toMail(message))
      if (info.rejected.length > 0) throw new Error(`adresse refusée par le serveur SMTP : ${info.rejected.join(', ')}`)
    },
    close() {
      transporter.close()
    },
  }
}

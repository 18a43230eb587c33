/**
 * A real SMTP server for tests (the `smtp-server` package) on 127.0.0.1 and a free port: it accepts any
 * sender and recipient without authentication or TLS, parses each message with `mailparser`, and can be told
 * to refuse messages (a temporary failure, as a full mailbox or a greylisting server would answer).
 */
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface TestSmtp {
  url: string
  port: number
  /** every message accepted, parsed, in arrival order (with `parse: false`, only `messageId` is filled) */
  messages: ParsedMail[]
  /** refuse (451) every message while true */
  failing: boolean
  close(): Promise<void>
}

/** `parse: false` keeps only each message's `Message-ID` (a light sink for benchmarks). */
export async function startTestSmtp(options: { parse?: boolean } = {}): Promise<TestSmtp> {
  const parse = options.parse ?? true
  const state: TestSmtp = { url: '', port: 0, messages: [], failing: false, close: async () => {} }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (state.failing) {
          const error = Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: 451 })
          callback(error)
          return
        }
        if (!parse) {
          const raw = Buffer.concat(chunks).toString('latin1')
          const end = raw.indexOf('\r\n\r\n')
          state.messages.push({ messageId: /^message-id:\s*(\S+)/im.exec(end < 0 ? raw : raw.slice(0, end))?.[1] } as ParsedMail)
          callback()
          return
        }
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            state.messages.push(parsed)
            callback()
          },
          (error: Error) => callback(error),
        )
      })
    },
  })
  // A client killed mid-session (the kill -9 tests) resets its connection: not an error of the server.
  server.on('error', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.server.address()
  state.port = typeof address === 'object' && address ? address.port : 0
  state.url = `smtp://127.0.0.1:${state.port}`
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return state
}

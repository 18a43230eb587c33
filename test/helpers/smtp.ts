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
  /** every message accepted, parsed, in arrival order */
  messages: ParsedMail[]
  /** refuse (451) every message while true */
  failing: boolean
  close(): Promise<void>
}

export async function startTestSmtp(): Promise<TestSmtp> {
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.server.address()
  state.port = typeof address === 'object' && address ? address.port : 0
  state.url = `smtp://127.0.0.1:${state.port}`
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return state
}

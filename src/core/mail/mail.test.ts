/**
 * E-mail through a real SMTP server started in the test (`smtp-server`), parsed with `mailparser`: both
 * parts from one template in the recipient's language, a stable `Message-ID`, one-click unsubscribe headers
 * on notification mail, no second send of a delivered message, retries then a dead letter when the server
 * refuses, and a replay that delivers with the same `Message-ID`. Without `SMTP_URL` messages are logged.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { waitFor } from '../../../test/helpers/jobs.js'
import { startTestSmtp, type TestSmtp } from '../../../test/helpers/smtp.js'
import { attachJobs, enqueueJob, resolveSpec } from '../jobs/jobs.js'
import { JobRunner } from '../jobs/runner.js'
import { MAIL_JOB } from './mail.jobs.js'
import { MAIL_QUEUE, queueMail } from './outbox.js'
import { readUnsubscribeToken } from './unsubscribe.js'

for (const dialect of DIALECTS) {
  describe(`e-mail delivery [${dialect.name}]`, () => {
    let smtp: TestSmtp
    let t: TestApp
    before(async () => {
      smtp = await startTestSmtp()
      t = await buildTestApp(dialect, { SMTP_URL: smtp.url, MAIL_FROM: 'Alliance <bonjour@alliance.test>' })
    })
    after(async () => {
      await t.close()
      await smtp.close()
    })

    const row = (id: string) => t.db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

    test('a queued message reaches the SMTP server in its recipient’s language, text and HTML from one template', async () => {
      const id = await t.db.transaction().execute((trx) =>
        queueMail(trx, {
          to: 'Camille@Example.org',
          userId: '0190b3c4-0000-7000-8000-0000000000aa',
          locale: 'en',
          template: 'alliances.mail.invited',
          params: { inviter: 'Dominique <script>', organisation: 'Les Jardins', alliance: 'Bois & Marne', link: '/alliances/abc' },
          unsubscribeKind: 'alliances.invited',
        }),
      )
      assert.equal((await row(id)).status, 'queued')
      await t.drainJobs()
      assert.equal(smtp.messages.length, 1)
      const mail = smtp.messages[0]!
      assert.equal(mail.subject, 'Invitation to join the alliance “Bois & Marne”')
      assert.equal(mail.messageId, `<${id}@alliance.test>`)
      assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '', 'camille@example.org')
      assert.equal(mail.from?.value[0]?.address, 'bonjour@alliance.test')
      assert.match(mail.text ?? '', /Dominique <script> invites your organisation, Les Jardins, to join the alliance “Bois & Marne”/)
      assert.match(mail.text ?? '', /Answer from My space : http:\/\/alliance\.test\/alliances\/abc/)
      const html = String(mail.html)
      assert.match(html, /Dominique &lt;script>|Dominique &lt;script&gt;/)
      assert.doesNotMatch(html, /<script>/)
      assert.match(html, /href="http:\/\/alliance\.test\/alliances\/abc"/)
      assert.match(html, /<html lang="en">/)
      const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '')
      const unsubscribe = String(header('list-unsubscribe'))
      assert.match(unsubscribe, /^<http:\/\/alliance\.test\/desabonnement\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/)
      assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click')
      const token = /desabonnement\/([^>]+)>/.exec(unsubscribe)?.[1] ?? ''
      assert.deepEqual(readUnsubscribeToken('test-secret-'.padEnd(48, 'x'), token), { userId: '0190b3c4-0000-7000-8000-0000000000aa', kind: 'alliances.invited' })
      assert.equal(readUnsubscribeToken('another secret, another platform'.padEnd(48, 'y'), token), null)
      // The last character of a 32-byte base64url signature carries 2 unused bits: every other spelling is refused.
      const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
      const last = B64.indexOf(token.slice(-1))
      for (const other of [last ^ 1, last ^ 2, last ^ 3]) assert.equal(readUnsubscribeToken('test-secret-'.padEnd(48, 'x'), token.slice(0, -1) + B64[other]), null)
      const stored = await row(id)
      assert.deepEqual([stored.status, stored.transport, stored.subject, stored.attempts], ['sent', 'smtp', mail.subject, 1])
      assert.ok(stored.sent_at)
    })

    test('account mail has no unsubscribe header; a message already delivered is not sent again', async () => {
      const before = smtp.messages.length
      const id = await queueMail(t.db, { to: 'membre@example.org', locale: 'fr', template: 'organisations.mail.inviteMember', params: { inviter: 'Claude', organisation: 'Les Jardins', days: 14, link: 'http://alliance.test/invitations/x' } })
      await t.drainJobs()
      assert.equal(smtp.messages.length, before + 1)
      const mail = smtp.messages.at(-1)!
      assert.equal(mail.subject, 'Invitation à rejoindre Les Jardins sur Alliance')
      assert.match(mail.text ?? '', /valable 14 jours/)
      assert.equal(mail.headerLines.find((h) => h.key === 'list-unsubscribe'), undefined)
      // The same job again (a run cut before its completion was recorded): the message is not sent twice.
      await enqueueJob(t.db, MAIL_QUEUE, { id })
      await t.drainJobs()
      assert.equal(smtp.messages.length, before + 1)
    })

    test('a refusing server: retries, then a dead letter visible to admins; a replay delivers with the same Message-ID', async () => {
      // Short retries for the test: one retry, one second apart.
      const quick = { ...MAIL_JOB, retryLimit: 1, retryDelaySeconds: 1 }
      await t.app.runtime.store.install([resolveSpec(quick)])
      attachJobs(t.db, t.app.runtime.store, [quick, ...t.app.runtime.definitions.filter((d) => d.name !== MAIL_QUEUE)], t.app.runtime.bus)
      smtp.failing = true
      const before = smtp.messages.length
      const id = await queueMail(t.db, { to: 'refus@example.org', locale: 'fr', template: 'organisations.mail.inviteAdmin', params: { inviter: 'Claude', organisation: 'Les Jardins', days: 14, link: '/invitations/y' } })
      const runner = new JobRunner(t.app.runtime.store, t.app.runtime.definitions, { db: t.db, pollMs: 50 })
      runner.start()
      try {
        await waitFor('the message is dead', async () => (await t.app.runtime.store.listDead(10, 0)).rows.some((j) => (j.payload as { id: string }).id === id), 20_000)
      } finally {
        await runner.stop()
      }
      const failed = await row(id)
      assert.deepEqual([failed.status, failed.attempts], ['failed', 2])
      assert.match(failed.last_error ?? '', /451|temporarily unavailable/)
      assert.equal(smtp.messages.length, before)
      const dead = (await t.app.runtime.store.listDead(10, 0)).rows.find((j) => (j.payload as { id: string }).id === id)!
      smtp.failing = false
      assert.equal(await t.app.runtime.store.replay(dead.name, dead.id), true)
      await t.drainJobs()
      assert.equal(smtp.messages.length, before + 1)
      assert.equal(smtp.messages.at(-1)!.messageId, `<${id}@alliance.test>`)
      assert.equal((await row(id)).status, 'sent')
      attachJobs(t.db, t.app.runtime.store, t.app.runtime.definitions, t.app.runtime.bus)
    })
  })
}

describe('e-mail without SMTP_URL', () => {
  test('the message is written to the log and recorded as logged', async () => {
    const dialect = DIALECTS[0]!
    const t = await buildTestApp(dialect)
    try {
      assert.equal(t.app.runtime.transport.kind, 'log')
      const id = await queueMail(t.db, { to: 'dev@example.org', locale: 'fr', template: 'organisations.mail.inviteMember', params: { inviter: 'Claude', organisation: 'Les Jardins', days: 14 } })
      await t.drainJobs()
      const stored = await t.db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual([stored.status, stored.transport, stored.subject], ['logged', 'log', 'Invitation à rejoindre Les Jardins sur Alliance'])
    } finally {
      await t.close()
    }
  })
})

/**
 * Property test of a fund's ledger on both databases (fast-check): any sequence of contributors' pledges and
 * payments, host commitments, grants and disbursements of their tranches, each in its own transaction as the
 * services run them, keeps the reconciliation rules —
 *
 * - each contributor has paid at most what it pledged, and the fund's totals are the sums of its contributors';
 * - granted ≤ paid in + committed; disbursed ≤ granted; each grant (and tranche) disbursed ≤ its amount;
 * - the fund's totals are the sums of its ledger entries by kind, and the grants add up to the granted total;
 *
 * and the ledger accepts exactly the movements a model of the rules accepts (a refused one changes nothing).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError } from '../../../core/errors.js'
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { buildSelectionWorld, type SelectionWorld } from '../../../../test/helpers/mobilisation.js'
import { bookCommitment, bookDisbursement, bookGrant, bookPayment, bookPledge } from './ledger.js'

type Op =
  | { kind: 'pledge'; who: number; cents: number }
  | { kind: 'payment'; who: number; cents: number }
  | { kind: 'commitment'; cents: number }
  | { kind: 'grant'; cents: number }
  | { kind: 'disbursement'; grant: number; cents: number }

const cents = fc.integer({ min: 1, max: 400_000 })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('pledge' as const), who: fc.integer({ min: 0, max: 2 }), cents }),
  fc.record({ kind: fc.constant('payment' as const), who: fc.integer({ min: 0, max: 2 }), cents }),
  fc.record({ kind: fc.constant('commitment' as const), cents }),
  fc.record({ kind: fc.constant('grant' as const), cents }),
  fc.record({ kind: fc.constant('disbursement' as const), grant: fc.integer({ min: 0, max: 3 }), cents }),
)

for (const dialect of DIALECTS) {
  describe(`mobilisation ledger properties [${dialect.name}]`, () => {
    let t: TestApp
    let w: SelectionWorld
    let contributors: string[]
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildSelectionWorld(t, 'lp')
      contributors = [w.org.C, w.org.P, w.org.R]
    })
    after(() => t.close())

    /** A grant of `amount` (one tranche) on a call and an application of its own, as a funded decision makes it. */
    const insertGrant = async (db: TestApp['db'], fundId: string, amount: number): Promise<string> => {
      const call = await db.selectFrom('mobilisation_project_calls').selectAll().where('id', '=', w.reviewCallId).executeTakeFirstOrThrow()
      const application = await db.selectFrom('mobilisation_applications').selectAll().where('id', '=', w.applicationId).executeTakeFirstOrThrow()
      const callId = newId()
      const applicationId = newId()
      const id = newId()
      const now = nowIso()
      await db.insertInto('mobilisation_project_calls').values({ ...call, id: callId, fund_id: fundId }).execute()
      await db.insertInto('mobilisation_applications').values({ ...application, id: applicationId, call_id: callId }).execute()
      await db
        .insertInto('mobilisation_grants')
        .values({ id, fund_id: fundId, call_id: callId, application_id: applicationId, alliance_id: w.allianceId, beneficiary_organisation_id: w.org.C, reference: `SUB-${id.slice(-8)}`, object: 'Propriété', amount_cents: amount, disbursed_cents: 0, conditions: '', status: 'signed', in_kind: 0, notification_ue: 0, dispositif_aide: null, fund_signed_by: null, fund_signed_at: now, beneficiary_signed_by: null, beneficiary_signed_at: now, signed_on: '2026-12-01', tranche_count: 0, first_due_on: null, last_due_on: null, is_demo: 0, created_at: now, updated_at: now })
        .execute()
      await db.insertInto('mobilisation_grant_tranches').values({ grant_id: id, number: 1, amount_cents: amount, due_on: '2026-12-31', condition: '', paid_cents: 0, paid_on: null }).execute()
      return id
    }

    test('any sequence of movements keeps the reconciliation rules', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
          const fundId = newId()
          const now = nowIso()
          await t.db
            .insertInto('mobilisation_funds')
            .values({ id: fundId, host_organisation_id: w.org.F, name: `Fonds ${fundId}`, description: 'Propriétés du grand livre', legal_form: 'fondation', siret: '73282932000074', territory_id: 'commune:94080', pledged_cents: 0, paid_cents: 0, committed_cents: 0, granted_cents: 0, disbursed_cents: 0, is_demo: 0, created_by: null, created_at: now, updated_at: now })
            .execute()
          const model = { pledged: [0, 0, 0], paid: [0, 0, 0], committed: 0, granted: 0, disbursed: 0, grants: [] as Array<{ id: string; amount: number; paid: number }> }
          for (const o of ops) {
            const day = '2026-12-01'
            const input = { fundId, cents: o.cents, day, userId: null }
            let expected: boolean
            let act: () => Promise<unknown>
            if (o.kind === 'pledge') {
              expected = true
              act = () => t.db.transaction().execute((trx) => bookPledge(trx, { ...input, organisationId: contributors[o.who] as string }))
            } else if (o.kind === 'payment') {
              expected = (model.paid[o.who] as number) + o.cents <= (model.pledged[o.who] as number)
              act = () => t.db.transaction().execute((trx) => bookPayment(trx, { ...input, organisationId: contributors[o.who] as string }))
            } else if (o.kind === 'commitment') {
              expected = true
              act = () => t.db.transaction().execute((trx) => bookCommitment(trx, input))
            } else if (o.kind === 'grant') {
              expected = model.granted + o.cents <= model.paid.reduce((a, b) => a + b, 0) + model.committed
              act = () =>
                t.db.transaction().execute(async (trx) => {
                  const id = await insertGrant(trx as unknown as TestApp['db'], fundId, o.cents)
                  await bookGrant(trx, { ...input, grantId: id })
                  return id
                })
            } else {
              const g = model.grants[o.grant]
              if (!g) continue
              expected = g.paid + o.cents <= g.amount
              act = () => t.db.transaction().execute((trx) => bookDisbursement(trx, { ...input, grantId: g.id, tranche: 1 }))
            }
            let accepted = true
            let result: unknown
            try {
              result = await act()
            } catch (error) {
              if (!(error instanceof AppError) || error.code !== 'ALLIANCE_ERR_INSUFFICIENT_FUNDS') throw error
              accepted = false
            }
            assert.equal(accepted, expected, `${JSON.stringify(o)} accepted=${accepted}`)
            if (accepted) {
              if (o.kind === 'pledge') model.pledged[o.who] = (model.pledged[o.who] as number) + o.cents
              if (o.kind === 'payment') model.paid[o.who] = (model.paid[o.who] as number) + o.cents
              if (o.kind === 'commitment') model.committed += o.cents
              if (o.kind === 'grant') {
                model.granted += o.cents
                model.grants.push({ id: result as string, amount: o.cents, paid: 0 })
              }
              if (o.kind === 'disbursement') {
                const g = model.grants[o.grant] as { paid: number }
                g.paid += o.cents
                model.disbursed += o.cents
              }
            }
          }
          const fund = await t.db.selectFrom('mobilisation_funds').selectAll().where('id', '=', fundId).executeTakeFirstOrThrow()
          const n = (v: unknown) => Number(v)
          assert.deepEqual([n(fund.pledged_cents), n(fund.paid_cents), n(fund.committed_cents), n(fund.granted_cents), n(fund.disbursed_cents)], [model.pledged.reduce((a, b) => a + b, 0), model.paid.reduce((a, b) => a + b, 0), model.committed, model.granted, model.disbursed])
          assert.ok(n(fund.paid_cents) <= n(fund.pledged_cents))
          assert.ok(n(fund.granted_cents) <= n(fund.paid_cents) + n(fund.committed_cents))
          assert.ok(n(fund.disbursed_cents) <= n(fund.granted_cents))
          const rows = await t.db.selectFrom('mobilisation_fund_contributors').selectAll().where('fund_id', '=', fundId).execute()
          for (const r of rows) assert.ok(n(r.paid_cents) <= n(r.pledged_cents))
          assert.equal(rows.reduce((s, r) => s + n(r.pledged_cents), 0), n(fund.pledged_cents))
          assert.equal(rows.reduce((s, r) => s + n(r.paid_cents), 0), n(fund.paid_cents))
          const entries = await t.db.selectFrom('mobilisation_fund_entries').select(['kind', 'amount_cents']).where('fund_id', '=', fundId).execute()
          const sum = (kind: string) => entries.filter((e) => e.kind === kind).reduce((s, e) => s + n(e.amount_cents), 0)
          assert.deepEqual([sum('pledge'), sum('payment'), sum('commitment'), sum('grant') - sum('grant_release'), sum('disbursement')], [n(fund.pledged_cents), n(fund.paid_cents), n(fund.committed_cents), n(fund.granted_cents), n(fund.disbursed_cents)])
          const grants = await t.db.selectFrom('mobilisation_grants').select(['amount_cents', 'disbursed_cents']).where('fund_id', '=', fundId).execute()
          assert.equal(grants.reduce((s, g) => s + n(g.amount_cents), 0), n(fund.granted_cents), 'a refused grant leaves no agreement behind')
          assert.equal(grants.reduce((s, g) => s + n(g.disbursed_cents), 0), n(fund.disbursed_cents))
          for (const g of grants) assert.ok(n(g.disbursed_cents) <= n(g.amount_cents))
        }),
        { numRuns: 30 },
      )
    })
  })
}

/**
 * The answer to a one-button form (answering an invitation, signing the charter, confirming a partnership) whose
 * hidden fields were refused — only a hand-made request gets here: what was wrong, and the way back.
 */
import type { FieldProblem } from '../../../core/errors.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'

export function ProblemPage({ problems, back }: { problems: FieldProblem[]; back: { href: string; label: string } }) {
  const { t } = useView()
  const title = t('alliances.problem.title')
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <div class="error-summary" role="alert">
        <ul>
          {problems.map((p) => (
            <li>{t(p.message, p.params)}</li>
          ))}
        </ul>
      </div>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </Layout>
  )
}

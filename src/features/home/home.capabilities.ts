/**
 * What the home and about pages say the platform offers, tied to the pages that show it: an entry is shown only
 * when every page it links to is registered, so these pages never link to, nor describe, a capability that does
 * not exist (in this build, or not yet). When a capability lands (evaluation, mobilisation…), add its entry
 * here with its pages and its words in `home.messages.ts`.
 */
import type { FastifyInstance } from 'fastify'
import type { MessageKey } from '../../core/i18n/index.js'

/** A page of the platform, named for a link. */
export interface CapabilityLink {
  href: string
  label: MessageKey
}

/** A stage of the approach on the home page: its words, and the pages that serve it today. */
export interface Step {
  title: MessageKey
  text: MessageKey
  links: CapabilityLink[]
}

/** One of the seven lessons of the source presentation, and what the platform does for it (when it does). */
export interface Lesson {
  text: MessageKey
  /** What exists on the platform for this lesson, with the pages that show it; omitted when nothing does. */
  platform?: { text: MessageKey; links: CapabilityLink[] }
}

const link = (href: string, label: MessageKey): CapabilityLink => ({ href, label })

const STEPS: Step[] = [
  { title: 'home.method.listen', text: 'home.method.listenText', links: [link('/besoins', 'home.link.needs'), link('/ressources', 'home.link.resources'), link('/etudes', 'home.link.studies')] },
  { title: 'home.method.experiment', text: 'home.method.experimentText', links: [link('/alliances', 'home.link.alliances'), link('/espaces', 'home.link.spaces')] },
  { title: 'home.method.mobilise', text: 'home.method.mobiliseText', links: [link('/rencontres', 'home.link.meetings'), link('/lieux', 'home.link.places')] },
]

const LESSONS: Lesson[] = [
  { text: 'about.lesson.1', platform: { text: 'about.lesson.1.platform', links: [link('/alliances', 'home.link.alliances')] } },
  { text: 'about.lesson.2', platform: { text: 'about.lesson.2.platform', links: [link('/alliances', 'home.link.alliances')] } },
  { text: 'about.lesson.3', platform: { text: 'about.lesson.3.platform', links: [link('/besoins', 'home.link.needs'), link('/ressources', 'home.link.resources'), link('/territoires', 'home.link.territories')] } },
  { text: 'about.lesson.4', platform: { text: 'about.lesson.4.platform', links: [link('/acteurs', 'home.link.actors'), link('/lexique', 'home.link.lexique')] } },
  { text: 'about.lesson.5', platform: { text: 'about.lesson.5.platform', links: [link('/lexique', 'home.link.lexique')] } },
  { text: 'about.lesson.6', platform: { text: 'about.lesson.6.platform', links: [link('/alliances', 'home.link.alliances')] } },
  { text: 'about.lesson.7', platform: { text: 'about.lesson.7.platform', links: [link('/espaces', 'home.link.spaces'), link('/rencontres', 'home.link.meetings'), link('/lieux', 'home.link.places')] } },
]

/** True when `app` answers GET `href` (a registered page). */
function exists(app: FastifyInstance, href: string): boolean {
  return app.hasRoute({ method: 'GET', url: href })
}

/**
 * The stages with only the pages that exist. A stage keeps its words (they describe the method) even when none
 * of its pages exists; its "on the platform" links are those that do.
 */
export function availableSteps(app: FastifyInstance, steps: Step[] = STEPS): Step[] {
  return steps.map((step) => ({ ...step, links: step.links.filter((l) => exists(app, l.href)) }))
}

/**
 * The lessons, each with what the platform does for it only when every page that shows it exists (a sentence
 * about a capability whose page is missing would not be true).
 */
export function availableLessons(app: FastifyInstance, lessons: Lesson[] = LESSONS): Lesson[] {
  return lessons.map((lesson) => (lesson.platform?.links.every((l) => exists(app, l.href)) ? lesson : { text: lesson.text }))
}

/**
 * JSON API of catalysis (OpenAPI tag `catalysis`): spaces, their team and their activities; meetings
 * (registration, invitations, attendance, encounters, minutes, feedback survey, new links); places (and their
 * offer as a resource); dialogues (participants, findings, views, self-diagnosis, maturity, consent) and the
 * maturity grid. Every page act has its twin here, with the same rights, checked before the body is validated
 * (`core/http/routes.ts`), so that a stranger learns nothing from the shape of an answer.
 */
import type { FastifyInstance } from 'fastify'
import { activityApi } from './activities/activities.api.js'
import { dialogueApi } from './dialogues/dialogues.api.js'
import { meetingApi } from './meetings/meetings.api.js'
import { placeApi } from './places/places.api.js'
import { spaceApi } from './spaces/spaces.api.js'

export async function catalysisApi(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  await app.register(spaceApi)
  await app.register(activityApi)
  await app.register(meetingApi, options)
  await app.register(placeApi)
  await app.register(dialogueApi)
}

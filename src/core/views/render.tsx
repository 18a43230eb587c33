/**
 * Renders a page component to a complete HTML document. Preact escapes every text and attribute value, so
 * user content cannot inject markup; there is no raw-HTML escape hatch in the views.
 */
import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { ViewCtx, type ViewContext } from './context.js'

export function renderDocument(ctx: ViewContext, page: VNode): string {
  return '<!doctype html>' + renderToString(<ViewCtx.Provider value={ctx}>{page}</ViewCtx.Provider>)
}

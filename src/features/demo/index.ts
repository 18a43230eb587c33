/**
 * Demo: the fictional demonstration dataset of the pilot territory (EPT Paris Est Marne et Bois).
 * Owns no table (it writes organisations and accounts flagged `is_demo`). Public exports: `loadDemo`, `demoLoaded`.
 */
export { demoLoaded, loadDemo } from './demo.service.js'
export { DEMO_PASSWORD, DEMO_ORGANISATIONS } from './demo.data.js'
export { demoId } from './demo.ids.js'

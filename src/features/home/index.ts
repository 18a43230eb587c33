/**
 * Home: the home page (map of actors by département, figures by world) and the about page.
 * Owns no table. Public exports: the plugin and its messages.
 */
export { homePages as homeFeature } from './home.pages.js'
export { homeMessages } from './home.messages.js'

/**
 * Home: the home page (the approach in three stages with the pages that serve it, the map of actors by
 * département, figures by world) and the about page (the method's lessons and what the platform does for them,
 * sources, licences). Owns no table. Public exports: the plugin and its messages.
 */
export { homePages as homeFeature } from './home.routes.js'
export { homeMessages } from './home.messages.js'

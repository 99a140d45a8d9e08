export { escapeHtml, renderPage } from './html.js';
export { startWebServer, type WebServer, type WebServerOptions } from './server.js';

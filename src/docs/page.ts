import { html } from 'hono/html'

/**
 * Only our own scripts run: Swagger UI is served by Deling and started from /docs/init.js, never inline.
 * Swagger UI sets `style` attributes from React, hence 'unsafe-inline' for styles (styles cannot run code).
 */
export const docsContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export interface DocsPageAssets {
  bundle: string
  css: string
}

const noViewer = html`<p class="deling-intro">This host does not serve the reference viewer; read the document
  at <a href="/openapi.json">/openapi.json</a>.</p>`

/** The API reference page; `assets` are the versioned URLs of Swagger UI, or undefined when this host has none. */
export function docsPage(assets: DocsPageAssets | undefined) {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Deling API</title>
  <link rel="icon" href="data:,">
  ${assets ? html`<link rel="stylesheet" href="${assets.css}">` : ''}
  <style>
    body { margin: 0; font-family: system-ui, sans-serif; color: #3b4151; }
    .deling-intro { max-width: 1420px; margin: 16px auto 0; padding: 10px 16px; box-sizing: border-box;
      border-left: 4px solid #49cc90; background: #f3fbf7; }
    .deling-intro h2 { margin: 0 0 4px; font-size: 16px; }
    .deling-intro p { margin: 4px 0; font-size: 14px; line-height: 1.5; }
    .deling-intro code { background: #f0f0f0; padding: 1px 4px; border-radius: 3px; }
  </style>
</head>
<body>
  <header class="deling-intro">
    <h2>How to authenticate</h2>
    <p>Operations marked with a lock need an organisation access token. Get one from <code>POST /oidc/token</code>
      (client_credentials with a signed client assertion, <code>private_key_jwt</code>; see <em>Authentication</em>
      below), then press <strong>Authorize</strong> and paste it as the Bearer token.</p>
    <p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1) ·
      issuer metadata: <a href="/oidc/.well-known/openid-configuration">/oidc/.well-known/openid-configuration</a> ·
      errors are <code>application/problem+json</code>, each <code>type</code> links to its explanation.</p>
  </header>
  <main id="swagger-ui">${assets ? '' : noViewer}</main>
  ${assets ? html`<script src="${assets.bundle}"></script><script src="/docs/init.js"></script>` : ''}
</body>
</html>
`
}

/** Starts Swagger UI on the live document. A file of its own, so the page's CSP needs no 'unsafe-inline' script. */
export const initScript = `window.addEventListener('DOMContentLoaded', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayOperationId: true,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
    persistAuthorization: false,
    // The online validator badge would call validator.swagger.io: /docs makes no request off this host.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  })
})
`

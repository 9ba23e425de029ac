// The site's service worker, emitted by the Vite plugin as `polyglot-sw.js` (see src/vite/): it
// keeps every file of one deployment in a Cache Storage cache named after that deployment's
// version, so a repeat visit works with the network gone, and it adds COOP/COEP to what it
// serves, so a static host that cannot send them still gives a cross-origin isolated page (the
// job coi-serviceworker did). The Pyodide snapshot lives in its own cache (src/worker/
// browser-snapshot-store.ts), keyed by what it was made from, and is left alone here.
//
// Never a stale mix: a deployment's files are fetched together at install, an update waits
// (not skipWaiting) until the page asks it to take over and then reloads, so one page never
// runs old and new files side by side; activation deletes the older deployments' caches.
//
// Both functions are emitted as source text (Function.prototype.toString) with their config,
// so they use nothing from outside their own bodies.

export interface OfflineSiteConfig {
  /** Digest of every file of the deployment; names its cache. Empty in dev: no caching. */
  version: string;
  /** The deployment's files, relative to the worker's scope ("index.html", "pyodide/pyodide.asm.wasm", …). */
  files: string[];
  /** Name of the emitted script, relative to the page. */
  script: string;
}

/** Cache names start with this; activation deletes those of other versions. */
export const SITE_CACHE_PREFIX = "polyglot-site-";

/** The part that runs in the service worker. */
export function runServiceWorker(config: OfflineSiteConfig): void {
  interface ExtendableEventLike extends Event {
    waitUntil(promise: Promise<unknown>): void;
  }
  interface FetchEventLike extends ExtendableEventLike {
    request: Request;
    respondWith(response: Promise<Response>): void;
  }
  interface WorkerScope {
    registration: { scope: string };
    skipWaiting(): Promise<void>;
    clients: { claim(): Promise<void> };
    addEventListener(type: string, listener: (event: Event) => void): void;
  }
  const scope = self as unknown as WorkerScope;
  const prefix = "polyglot-site-";
  const cacheName = prefix + config.version;
  const offline = config.version !== "";
  const base = scope.registration.scope;
  const urls = config.files.map((file) => new URL(file, base).href);
  const index = new URL("index.html", base).href;

  /** COOP/COEP/CORP on every response served, so the page is cross-origin isolated on any host. */
  const isolated = (response: Response): Response => {
    if (response.status === 0) return response; // opaque: headers cannot be changed
    const headers = new Headers(response.headers);
    headers.set("Cross-Origin-Embedder-Policy", "require-corp");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };

  scope.addEventListener("install", (event) => {
    const install = async () => {
      if (offline) {
        const cache = await caches.open(cacheName);
        // One request per file, bypassing the HTTP cache: every file of this deployment, or the install fails.
        await cache.addAll(urls.map((url) => new Request(url, { cache: "reload" })));
      }
      // The first install takes over at once (there is nothing older to mix with).
      const registration = (self as unknown as { registration: { active: unknown } }).registration;
      if (!registration.active) await scope.skipWaiting();
    };
    (event as ExtendableEventLike).waitUntil(install());
  });

  scope.addEventListener("activate", (event) => {
    const activate = async () => {
      for (const name of await caches.keys()) if (name.startsWith(prefix) && name !== cacheName) await caches.delete(name);
      await scope.clients.claim();
    };
    (event as ExtendableEventLike).waitUntil(activate());
  });

  scope.addEventListener("message", (event) => {
    if ((event as MessageEvent).data === "polyglot-sw:take-over") void scope.skipWaiting();
  });

  scope.addEventListener("fetch", (event) => {
    const fetchEvent = event as FetchEventLike;
    const request = fetchEvent.request;
    if (request.method !== "GET" || request.cache === "only-if-cached") return;
    const url = new URL(request.url);
    const sameOrigin = url.origin === new URL(base).origin;
    const answer = async (): Promise<Response> => {
      if (offline && sameOrigin) {
        const cache = await caches.open(cacheName);
        // A navigation to the folder is its index.html; query strings (share links use the fragment) do not matter.
        const key = request.mode === "navigate" && url.href.split(/[?#]/)[0] === base ? index : url.href.split(/[?#]/)[0]!;
        const cached = await cache.match(key);
        if (cached) return isolated(cached);
      }
      return isolated(await fetch(request));
    };
    fetchEvent.respondWith(answer());
  });
}

/** The part that runs in the page (the same script, loaded by a <script> tag). */
export function registerServiceWorker(config: OfflineSiteConfig): void {
  const workers = navigator.serviceWorker;
  const offline = config.version !== "";
  // Dev (no caching): only needed where the host sends no isolation headers.
  if (!workers || !window.isSecureContext || (!offline && window.crossOriginIsolated)) return;
  const script = (document.currentScript as HTMLScriptElement | null)?.src ?? config.script;
  const hadController = Boolean(workers.controller);
  workers.addEventListener("controllerchange", () => {
    // A newer deployment took over (or the first install did, on a page that is not isolated yet): start it whole.
    if (hadController || !window.crossOriginIsolated) window.location.reload();
  });
  void workers.register(script).then((registration) => {
    const takeOver = (worker: ServiceWorker | null) => {
      if (worker && workers.controller) worker.postMessage("polyglot-sw:take-over");
    };
    takeOver(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const installing = registration.installing;
      installing?.addEventListener("statechange", () => {
        if (installing.state === "installed") takeOver(installing);
      });
    });
    // Not isolated and not yet controlled (the first visit on a host without the headers): reload once it controls.
    if (!window.crossOriginIsolated && registration.active && !workers.controller) window.location.reload();
  });
}

/** The emitted script: the config and both parts, each run where it belongs. */
export function serviceWorkerScript(config: OfflineSiteConfig): string {
  return [
    "// Polyglot's service worker: offline copy of the site and cross-origin isolation (generated; see src/service-worker/offline-site.ts).",
    `"use strict";`,
    `(function () {`,
    `const config = ${JSON.stringify(config)};`,
    `if (typeof window === "undefined") (${runServiceWorker.toString()})(config);`,
    `else (${registerServiceWorker.toString()})(config);`,
    `})();`,
    "",
  ].join("\n");
}

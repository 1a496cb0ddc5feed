// Hash routes: every screen, scenario, run, alert and exercise has a URL a trainer can hand out.
// Hash routing keeps deep links working from any static host or sub-path (no server rewrites).

export type Route =
  | { screen: 'home' }
  | { screen: 'scenarios'; threat?: string; cause?: string }
  | { screen: 'scenario'; id: string }
  | { screen: 'data' }
  | { screen: 'policies'; file?: string; rule?: string; line?: number; column?: number }
  | { screen: 'runs' }
  | { screen: 'run'; id: string }
  | { screen: 'alert'; id: string }
  | { screen: 'compare'; a?: string; b?: string }
  | { screen: 'why-not'; run: string; event?: string }
  | { screen: 'exercises' }
  | { screen: 'exercise'; id: string; role?: string }
  | { screen: 'trainer'; id: string; step?: number; reveal?: boolean; present?: boolean; speed?: number }
  | { screen: 'weak-spots' }
  | { screen: 'not-found'; path: string };

export type ScreenName = Route['screen'];

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** `#/runs/r1?x=1` → the route. Unknown paths become `not-found` so the user sees where they are. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const query = new URLSearchParams(queryPart);
  const parts = pathPart.split('/').filter(Boolean).map(decode);
  const [head, id, ...rest] = parts;
  if (rest.length > 0) return { screen: 'not-found', path: pathPart };
  const opt = (name: string) => query.get(name) ?? undefined;
  switch (head) {
    case undefined:
    case 'home':
      return { screen: 'home' };
    case 'scenarios':
      if (id !== undefined) return { screen: 'scenario', id };
      return withOptional({ screen: 'scenarios' }, { threat: opt('threat'), cause: opt('cause') });
    case 'data':
      return id === undefined ? { screen: 'data' } : { screen: 'not-found', path: pathPart };
    case 'policies':
      return policiesRoute(id ?? opt('file'), query);
    case 'runs':
      return id === undefined ? { screen: 'runs' } : { screen: 'run', id };
    case 'alerts':
      return id === undefined ? { screen: 'runs' } : { screen: 'alert', id };
    case 'compare':
      return withOptional({ screen: 'compare' }, { a: opt('a'), b: opt('b') });
    case 'why-not':
      return id === undefined
        ? { screen: 'runs' }
        : withOptional({ screen: 'why-not', run: id }, { event: opt('event') });
    case 'exercises':
      return id === undefined
        ? { screen: 'exercises' }
        : withOptional({ screen: 'exercise', id }, { role: opt('role') });
    case 'trainer':
      return id === undefined ? { screen: 'scenarios' } : trainerRoute(id, query);
    case 'weak-spots':
      return id === undefined ? { screen: 'weak-spots' } : { screen: 'not-found', path: pathPart };
    default:
      return { screen: 'not-found', path: pathPart };
  }
}

/** `#/policies?file=<name>&rule=<id>` or `&line=9&column=5`: the editor opens at that rule or place. */
function policiesRoute(file: string | undefined, query: URLSearchParams): Route {
  const route: Extract<Route, { screen: 'policies' }> = withOptional(
    { screen: 'policies' },
    { file, rule: query.get('rule') ?? undefined },
  );
  for (const key of ['line', 'column'] as const) {
    const n = Number(query.get(key));
    if (query.has(key) && Number.isInteger(n) && n >= 1) route[key] = n;
  }
  return route;
}

/** `#/trainer/<scenario>?step=3&reveal=1&present=1&speed=2`: a play position a trainer can hand out. */
function trainerRoute(id: string, query: URLSearchParams): Route {
  const route: Route = { screen: 'trainer', id };
  const step = Number(query.get('step'));
  if (query.has('step') && Number.isInteger(step) && step >= 0) route.step = step;
  if (query.get('reveal') === '1') route.reveal = true;
  if (query.get('present') === '1') route.present = true;
  const speed = Number(query.get('speed'));
  if (query.has('speed') && speed > 0) route.speed = speed;
  return route;
}

function withOptional<T extends object>(base: T, extra: Record<string, string | undefined>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') out[key] = value;
  return out as T;
}

/** The hash for a route; `parseHash(hrefFor(r))` gives `r` back. */
export function hrefFor(route: Route): string {
  const enc = encodeURIComponent;
  const query = (params: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    const s = q.toString();
    return s ? `?${s}` : '';
  };
  switch (route.screen) {
    case 'home':
      return '#/';
    case 'scenarios':
      return `#/scenarios${query({ threat: route.threat, cause: route.cause })}`;
    case 'scenario':
      return `#/scenarios/${enc(route.id)}`;
    case 'data':
      return '#/data';
    case 'policies':
      return `#/policies${query({
        file: route.file,
        rule: route.rule,
        line: route.line === undefined ? undefined : String(route.line),
        column: route.column === undefined ? undefined : String(route.column),
      })}`;
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${enc(route.id)}`;
    case 'alert':
      return `#/alerts/${enc(route.id)}`;
    case 'compare':
      return `#/compare${query({ a: route.a, b: route.b })}`;
    case 'why-not':
      return `#/why-not/${enc(route.run)}${query({ event: route.event })}`;
    case 'exercises':
      return '#/exercises';
    case 'exercise':
      return `#/exercises/${enc(route.id)}${query({ role: route.role })}`;
    case 'trainer':
      return `#/trainer/${enc(route.id)}${query({
        step: route.step === undefined ? undefined : String(route.step),
        reveal: route.reveal ? '1' : undefined,
        present: route.present ? '1' : undefined,
        speed: route.speed === undefined || route.speed === 1 ? undefined : String(route.speed),
      })}`;
    case 'weak-spots':
      return '#/weak-spots';
    case 'not-found':
      return `#/${route.path}`;
  }
}

/** Which top-level area a route belongs to, for the navigation's `aria-current`. */
export function areaOf(
  route: Route,
): 'home' | 'scenarios' | 'data' | 'policies' | 'runs' | 'exercises' | 'weak-spots' | null {
  switch (route.screen) {
    case 'home':
      return 'home';
    case 'scenarios':
    case 'scenario':
    case 'trainer':
      return 'scenarios';
    case 'data':
      return 'data';
    case 'weak-spots':
      return 'weak-spots';
    case 'policies':
      return 'policies';
    case 'runs':
    case 'run':
    case 'alert':
    case 'compare':
    case 'why-not':
      return 'runs';
    case 'exercises':
    case 'exercise':
      return 'exercises';
    case 'not-found':
      return null;
  }
}

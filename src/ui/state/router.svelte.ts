// The current route, shared by the shell and every screen. Reads location.hash; screens navigate with
// plain links (`href={hrefFor(...)}`) so the browser's back button and deep links just work.
import { parseHash, type Route } from './routes.ts';

class Router {
  route: Route = $state(parseHash(typeof location === 'undefined' ? '' : location.hash));

  start(): () => void {
    const update = () => {
      this.route = parseHash(location.hash);
    };
    window.addEventListener('hashchange', update);
    update();
    return () => window.removeEventListener('hashchange', update);
  }

  go(hash: string): void {
    if (location.hash === hash) return;
    location.hash = hash;
  }
}

export const router = new Router();

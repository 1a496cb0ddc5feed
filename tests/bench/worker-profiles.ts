// A diagnostic of the bench, not a figure: CPU profiles of the page's workers (the evaluation pool)
// over one run, written as .cpuprofile files that Chromium's DevTools and `/tmp`-side scripts read.
// Playwright gives no CDP session to a worker, so the page's session auto-attaches to its workers
// in the non-flattened mode and talks to each through Target.sendMessageToTarget.
import type { CDPSession } from '@playwright/test';

interface Reply {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

export async function profileWorkers(
  cdp: CDPSession,
): Promise<() => Promise<{ url: string; profile: unknown }[]>> {
  const workers = new Map<string, string>();
  const waiting = new Map<number, (reply: Reply) => void>();
  let next = 1;
  const send = (sessionId: string, method: string, params: object = {}) => {
    const id = next++;
    const replied = new Promise<Reply>((resolve) => waiting.set(id, resolve));
    void cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return replied;
  };
  cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
    const reply = JSON.parse(event.message) as Reply;
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  const started: Promise<unknown>[] = [];
  cdp.on(
    'Target.attachedToTarget',
    (event: { sessionId: string; targetInfo: { type: string; url: string } }) => {
      if (event.targetInfo.type !== 'worker') return;
      workers.set(event.sessionId, event.targetInfo.url);
      started.push(
        send(event.sessionId, 'Profiler.enable')
          .then(() => send(event.sessionId, 'Profiler.setSamplingInterval', { interval: 500 }))
          .then(() => send(event.sessionId, 'Profiler.start')),
      );
    },
  );
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await Promise.all(started);
  return async () => {
    const profiles = [];
    for (const [sessionId, url] of workers) {
      const reply = await send(sessionId, 'Profiler.stop');
      if (reply.result) profiles.push({ url, profile: (reply.result as { profile: unknown }).profile });
    }
    return profiles;
  };
}

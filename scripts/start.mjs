// `npm start`: build the static app, then serve it on a fixed local port and print where.
// It installs nothing; `npm install` (the README's first command) does that.
import { build, preview } from 'vite';

const PORT = 5173;

await build({ logLevel: 'warn' });
const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
const url = `http://localhost:${PORT}/`;
process.stdout.write(
  `\nDLP Policy Simulator is running at ${url}\n` +
    'The classroom dataset and the default policy pack load on first open. Press Ctrl+C to stop.\n',
);
const close = () => server.httpServer.close(() => process.exit(0));
process.on('SIGINT', close);
process.on('SIGTERM', close);

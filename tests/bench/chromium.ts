// The machine's Debian Chromium and the flags every benchmark launches it with (never a browser
// download: Playwright drives the system build).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
];

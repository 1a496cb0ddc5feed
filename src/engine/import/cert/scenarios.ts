// The five scenarios CERT published for its insider-threat datasets, as ground truth. CERT's answer
// files list the malicious rows but not which step of the story each row plays; we assign the step
// by the row's table (a logon, a thumb drive, a web visit, a mail), in the story's order.
import type { ScenarioTruth, ThreatCategory } from '../../types.ts';
import type { CertTableKind } from './columns.ts';

interface CertScenario {
  title: string;
  category: ThreatCategory;
  steps: { title: string; damaging?: boolean }[];
  stepOf: Partial<Record<CertTableKind, number>>;
}

export const CERT_SCENARIOS: Record<number, CertScenario> = {
  1: {
    title: 'After-hours logons, removable drive, upload to wikileaks.org, then leaves',
    category: 'leakage',
    steps: [
      { title: 'Logs on after hours' },
      { title: 'Uses a removable drive' },
      { title: 'Uploads data to wikileaks.org', damaging: true },
    ],
    stepOf: { logon: 1, device: 2, file: 2, http: 3, email: 3 },
  },
  2: {
    title: 'Job-site browsing, then thumb-drive theft far above habit before leaving',
    category: 'leakage',
    steps: [
      { title: 'Browses job sites and solicits a competitor' },
      { title: 'Connects a thumb drive far more often than before' },
      { title: 'Copies data to the thumb drive', damaging: true },
    ],
    stepOf: { http: 1, email: 1, logon: 2, device: 2, file: 3 },
  },
  3: {
    title: 'Disgruntled administrator plants a keylogger and mails as his supervisor',
    category: 'sabotage',
    steps: [
      { title: 'Downloads a keylogger' },
      { title: "Carries it on a thumb drive to the supervisor's machine" },
      { title: 'Logs on as the supervisor with the captured password' },
      { title: 'Sends an alarming mass mail as the supervisor', damaging: true },
    ],
    stepOf: { http: 1, device: 2, file: 2, logon: 3, email: 4 },
  },
  4: {
    title: "Logs on to colleagues' machines and mails their files home, ever more often",
    category: 'leakage',
    steps: [
      { title: "Logs on to another user's machine" },
      { title: 'Searches and opens their files' },
      { title: 'Mails the files to a home address', damaging: true },
    ],
    stepOf: { logon: 1, device: 2, file: 2, http: 2, email: 3 },
  },
  5: {
    title: 'After layoffs, uploads documents to personal cloud storage',
    category: 'leakage',
    steps: [
      { title: 'Prepares documents' },
      { title: 'Uploads documents to Dropbox / personal cloud', damaging: true },
    ],
    stepOf: { logon: 1, device: 1, file: 1, email: 2, http: 2 },
  },
};

/** `r4.2`, `1` → `cert-r4.2-1`. */
export function certScenarioId(release: string, scenario: number): string {
  const name = release.startsWith('r') ? release : `r${release}`;
  return `cert-${name}-${scenario}`;
}

export function certScenarioTruth(id: string, scenario: number): ScenarioTruth {
  const known = CERT_SCENARIOS[scenario];
  if (!known)
    return {
      id,
      title: `CERT scenario ${scenario}`,
      category: 'leakage',
      steps: [{ step: 1, title: 'Malicious activity', damaging: true }],
    };
  return {
    id,
    title: known.title,
    category: known.category,
    steps: known.steps.map((s, i) =>
      s.damaging ? { step: i + 1, title: s.title, damaging: true } : { step: i + 1, title: s.title },
    ),
  };
}

export function stepOf(scenario: number, table: string): number {
  const known = CERT_SCENARIOS[scenario];
  if (!known) return 1;
  return known.stepOf[table as CertTableKind] ?? known.steps.length;
}

// The command-line contracts as a caller meets them: `--help` of each command, where usage goes,
// JSON messages that carry the nearest valid name, `-` for standard input, relative paths under
// `npm run` from a subfolder, and the empty pack of `exercise-score`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cli(args: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, npm_lifecycle_event: '', ...options.env },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

const COMMANDS = [
  'validate',
  'evaluate',
  'classify',
  'test',
  'access-report',
  'generate',
  'scenarios',
  'import',
  'exercises',
  'exercise-score',
  'weak-spots',
];

const RULE = [
  'title: USB copy',
  'id: usb-copy',
  'logsource: { category: file }',
  'detection:',
  '  sel:',
  '    event.action: copy',
  '  condition: sel',
  'level: high',
  '',
].join('\n');

describe('command-line contracts', () => {
  it('answers `<command> --help` (and -h, and `help <command>`) with its usage, exit 0', () => {
    for (const command of COMMANDS) {
      const run = cli([command, '--help']);
      expect(run.status, command).toBe(0);
      expect(run.stdout, command).toMatch(new RegExp(`^usage: npm run --silent cli -- ${command} `));
      expect(run.stderr, command).toBe('');
    }
    expect(cli(['evaluate', '--pack', 'x', '-h']).stdout).toMatch(/^usage: .* evaluate --pack/);
    expect(cli(['help', 'classify']).stdout).toMatch(/^usage: .* classify --pack/);
    // After `--`, --help is an argument, not a request for help.
    expect(cli(['test', '--', '--help']).status).toBe(2);
  });

  it('takes `--pack <pack>` for validate and test too, as evaluate spells it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'contracts-pack-flag-'));
    writeFileSync(join(folder, 'r.yml'), RULE);
    const validate = cli(['validate', '--pack', folder, '--format', 'json']);
    expect(validate.status).toBe(0);
    expect(JSON.parse(validate.stdout).documents.rule).toBe(1);
    const test = cli(['test', '--pack', folder]);
    expect(test.status).toBe(0);
    expect(test.stdout).toBe('0 passed, 0 failed\n');
    const both = cli(['validate', '--pack', folder, folder]);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('error: validate takes one pack path: validate <pack> [--format json]\n');
  });

  it('prints the usage to stderr with exit 2 when no command is given, to stdout with exit 0 for --help', () => {
    const none = cli([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^usage: /);
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: /);
  });

  it('puts the suggestion into the JSON message, as the text form prints it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'contracts-typo-'));
    writeFileSync(join(folder, 'r.yml'), RULE.replace('event.action: copy', 'event.action|contians: copy'));
    const text = cli(['validate', folder]);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/r\.yml:6:5: unknown modifier "contians" \(did you mean "contains"\?\)/);
    const validate = cli(['validate', folder, '--format', 'json']);
    expect(validate.status).toBe(1);
    const [error] = JSON.parse(validate.stdout).errors;
    expect(error).toMatchObject({
      line: 6,
      column: 5,
      message: 'unknown modifier "contians" (did you mean "contains"?)',
      suggestion: 'did you mean "contains"?',
    });
    const data = join(folder, 'events.ndjson');
    writeFileSync(data, '{"event.id":"a","@timestamp":"2026-01-01T00:00:00Z"}\n');
    const evaluate = cli(['evaluate', '--pack', folder, '--data', data, '--format', 'json']);
    expect(evaluate.status).toBe(1);
    expect(JSON.parse(evaluate.stdout).errors[0].message).toBe(
      'unknown modifier "contians" (did you mean "contains"?)',
    );
  });

  it('lists validation errors in reading order: by file, then line and column', () => {
    const folder = mkdtempSync(join(tmpdir(), 'contracts-order-'));
    // The condition error (line 4) is found after the response errors (line 5) by the engine.
    writeFileSync(
      join(folder, 'a.yml'),
      'id: x\ndetection:\n  sel: {x: 1}\n  condition: sel or\nresponse: {action: blok}\n',
    );
    writeFileSync(join(folder, 'b.yml'), 'kind: classifer\nid: y\n');
    const run = cli(['validate', folder, '--format', 'json']);
    expect(run.status).toBe(1);
    const errors: { file: string; line: number; column: number }[] = JSON.parse(run.stdout).errors;
    const at = errors.map((e) => `${e.file.slice(folder.length + 1)}:${e.line}:${e.column}`);
    expect(at).toEqual(['a.yml:1:1', 'a.yml:4:20', 'a.yml:5:12', 'b.yml:1:1']);
  });

  it('reads standard input for `--data -` and `--text-file -`', () => {
    const folder = mkdtempSync(join(tmpdir(), 'contracts-stdin-'));
    writeFileSync(join(folder, 'r.yml'), RULE);
    const events =
      '{"event":{"id":"e1","category":"file","action":"copy"},"@timestamp":"2026-01-01T10:00:00Z"}\n' +
      'not json\n';
    const evaluate = cli(['evaluate', '--pack', folder, '--data', '-', '--format', 'json'], {
      input: events,
    });
    expect(evaluate.status).toBe(0);
    const out = JSON.parse(evaluate.stdout);
    expect(out.alerts.map((a: { events: string[] }) => a.events)).toEqual([['e1']]);
    expect(out.errors).toMatchObject([{ line: 2 }]);
    const classify = cli(['classify', '--pack', 'policies/default', '--text-file', '-', '--format', 'json'], {
      input: 'card 4111 1111 1111 1111\n',
    });
    expect(classify.status).toBe(0);
    expect(JSON.parse(classify.stdout).matches).toMatchObject([
      { classifier: 'credit-card-number', start: 5, end: 24 },
    ]);
  });

  it('reads relative paths from the folder `npm run cli` was typed in (INIT_CWD)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'contracts-cwd-'));
    mkdirSync(join(folder, 'pack'));
    writeFileSync(join(folder, 'pack', 'r.yml'), RULE);
    const run = cli(['validate', 'pack'], { env: { npm_lifecycle_event: 'cli', INIT_CWD: folder } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^1 file: 1 rule,/);
    // Not under `npm run cli`: the working directory is the process's own.
    expect(cli(['validate', 'pack'], { env: { INIT_CWD: folder } }).status).toBe(2);
  });

  it('scores an empty pack folder 0 in exercise-score instead of refusing it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'contracts-empty-pack-'));
    const run = cli([
      'exercise-score',
      '--exercise',
      'card-data-by-mail',
      '--pack',
      empty,
      '--format',
      'json',
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ score: 0, f1: 0, alerts: 0 });
    expect(run.stderr).toMatch(/warning: holds no \.yml or \.yaml files: an empty pack/);
  }, 30_000);

  it('takes a level that names one exercise for --exercise ("the easy exercise")', () => {
    const byLevel = cli([
      'exercise-score',
      '--exercise',
      'easy',
      '--pack',
      'policies/default',
      '--format',
      'json',
    ]);
    const byId = cli([
      'exercise-score',
      '--exercise',
      'card-data-by-mail',
      '--pack',
      'policies/default',
      '--format',
      'json',
    ]);
    expect(byLevel.status).toBe(0);
    expect(byLevel.stdout).toBe(byId.stdout);
    const unknown = cli(['exercise-score', '--exercise', 'trivial', '--pack', 'policies/default']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown exercise "trivial"/);
  }, 60_000);

  it('writes the single-file bundle for `generate --out x.json`, byte-identical, and evaluate reads it as the folder', () => {
    const folder = mkdtempSync(join(tmpdir(), 'contracts-generate-'));
    const args = [
      'generate',
      '--seed',
      '5',
      '--users',
      '4',
      '--days',
      '2',
      '--scenarios',
      'negligent-card-data-email',
    ];
    const one = join(folder, 'one.json');
    expect(cli([...args, '--out', one]).status).toBe(0);
    expect(cli([...args, '--out', join(folder, 'nested', 'two.json')]).status).toBe(0);
    expect(cli([...args, '--out', join(folder, 'bundle')]).status).toBe(0);
    const text = readFileSync(one, 'utf8');
    expect(readFileSync(join(folder, 'nested', 'two.json'), 'utf8')).toBe(text);
    const bundle = JSON.parse(text);
    expect(Object.keys(bundle)).toEqual(['dataset', 'events', 'directory', 'resources', 'entitlements']);
    const lines = readFileSync(join(folder, 'bundle', 'events.ndjson'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(bundle.events).toEqual(lines.map((line) => JSON.parse(line)));
    expect(bundle.directory).toEqual(
      JSON.parse(readFileSync(join(folder, 'bundle', 'directory.json'), 'utf8')),
    );
    const evaluate = (data: string) =>
      JSON.parse(cli(['evaluate', '--pack', 'policies/default', '--data', data, '--format', 'json']).stdout);
    const fromFile = evaluate(one);
    expect(fromFile.events).toBe(lines.length);
    expect(fromFile.metrics).toEqual(evaluate(join(folder, 'bundle')).metrics);
  }, 60_000);
});

// Engine bugs found by loading real SigmaHQ rules (tests/conformance): one test per fix.
import { describe, expect, it } from 'vitest';
import { compileRuleText, itemRule, ruleMatches } from './rule-fixture.ts';

describe('cidr with expand (rules-placeholder: src_ip|cidr|expand)', () => {
  for (const key of ['src_ip|cidr|expand', 'src_ip|expand|cidr']) {
    it(`${key}: an unfilled network placeholder loads with a warning and matches any IP address`, () => {
      const { rule, errors, warnings } = compileRuleText(itemRule(key, '%management_networks%'));
      expect(errors).toEqual([]);
      expect(rule).toBeDefined();
      expect(warnings.map((w) => w.message).join()).toMatch(/%management_networks%.*any IP address/);
      expect(ruleMatches(itemRule(key, '%management_networks%'), { src_ip: '10.1.2.3' })).toBe(true);
      expect(ruleMatches(itemRule(key, '%management_networks%'), { src_ip: '2001:db8::1' })).toBe(true);
      expect(ruleMatches(itemRule(key, '%management_networks%'), { src_ip: 'not-an-ip' })).toBe(false);
    });
  }
  it('real networks next to a placeholder still restrict', () => {
    const yaml = itemRule('ip|cidr|expand', ['192.168.0.0/16', '%x%']);
    expect(ruleMatches(yaml, { ip: '192.168.1.1' })).toBe(true);
  });
  it('a placeholder without expand is still an error', () => {
    const { rule, errors } = compileRuleText(itemRule('ip|cidr', '%management_networks%'));
    expect(rule).toBeUndefined();
    expect(errors[0]?.message).toMatch(/CIDR|network/);
  });
});

describe('a Sigma v1 aggregation in the condition (1password_audit_failed_auth_spike.yml)', () => {
  const yaml = `title: spike
id: r1
detection:
  selection:
    category|contains: failed
  filter:
    category: firewall_failed
  condition: selection and not filter | count() by target_user.email > 50
`;
  it('loads with a warning naming the aggregation, and never alerts on a single event', () => {
    const { rule, errors, warnings } = compileRuleText(yaml);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message).join()).toMatch(
      /aggregation "\| count\(\) by target_user.email > 50" is not evaluated/,
    );
    expect(rule?.unsupported).toMatch(/not evaluated/);
    expect(rule?.test({ event: { category: 'auth_failed' }, spans: () => [] })).toBe(false);
  });
  it('its selections are still checked', () => {
    const { errors } = compileRuleText(
      yaml.replace('selection and not filter |', 'selecton and not filter |'),
    );
    expect(errors[0]?.message).toMatch(/"selecton", which is not a selection/);
  });
});

describe('rule fields read as pySigma reads them', () => {
  const rule = (head: string) =>
    `title: t\n${head}detection:\n  selection:\n    CommandLine|contains: whoami\n  condition: selection\n`;
  it('an empty logsource key (`category:`) is as if absent: loads, not restricted by category', () => {
    const { rule: compiled, errors } = compileRuleText(
      rule('logsource:\n  category:\n  product: windows\n  definition:\n'),
    );
    expect(errors).toEqual([]);
    expect(compiled?.category).toBeNull();
  });
  it('level is read case-insensitively; an unknown level is still an error', () => {
    expect(compileRuleText(rule('level: High\n')).rule?.response.severity).toBe('high');
    expect(compileRuleText(rule('level: severe\n')).errors[0]?.message).toMatch(/level must be one of/);
  });
});

describe('Python-style named groups in re values', () => {
  it('(?P<name>…) and (?P=name) work as (?<name>…) and \\k<name>', () => {
    const yaml = itemRule('f|re', '(?P<q>["\'])cmd(?P=q)');
    expect(ruleMatches(yaml, { f: 'x "cmd" y' })).toBe(true);
    expect(ruleMatches(yaml, { f: 'x "cmd\' y' })).toBe(false);
  });
});

describe('the backtracking guard refuses only what can explode', async () => {
  const { unsafeRegExpReason } = await import('./regex-safety.ts');
  it.each(['([a-z0-9-]+\\.)+[a-z]{2,}', '(\\\\[^\\\\]+)+\\\\', '(\\.[a-z]+)+$', '(\\d{1,3}\\.){3}\\d{1,3}'])(
    'accepts %s: each repeat is cut at a character its repeated part cannot match',
    (source) => {
      expect(unsafeRegExpReason(source)).toBeUndefined();
    },
  );
  it.each(['(a+)+$', '(\\s*\\w+)+$', '(.*x)+y', '(a*\\.a*)+!', '(\\w*\\w*\\.)+!', '(a|aa)*b'])(
    'still refuses %s',
    (source) => {
      expect(unsafeRegExpReason(source)).toMatch(/exponential/);
    },
  );
  it('an accepted pattern answers fast on a hostile input', () => {
    const yaml = itemRule('host|re', '^([a-z0-9-]+\\.)+[a-z]{2,}$');
    expect(ruleMatches(yaml, { host: 'mail.example.com' })).toBe(true);
    expect(ruleMatches(yaml, { host: `${'a'.repeat(5000)}!` })).toBe(false);
  });
});

describe('PCRE spellings in re values that JavaScript would read as something else', () => {
  it.each([
    ['\\p{Lu}{3}-\\d', 'ABC-1', 'abc-1'],
    ['[[:digit:]]{4}', 'x 2024', 'x 20a4'],
    ['[[:alpha:]_]+=[[:xdigit:]]+$', 'key_=0aF9', 'key=0aG9'],
    ['a\\hb', 'a\tb', 'ahb'],
    ['^\\Q1.5*2\\E$', '1.5*2', '105552'],
    ['\\x{41}\\x{2014}', 'A—', 'x{41}'],
    ['a\\Hb', 'axb', 'a b'],
  ])('%s matches %j and not %j', (source, yes, no) => {
    const yaml = itemRule('f|re', source);
    expect(compileRuleText(yaml).errors).toEqual([]);
    expect(ruleMatches(yaml, { f: yes })).toBe(true);
    expect(ruleMatches(yaml, { f: no })).toBe(false);
  });

  it('refuses what cannot be spelled, with a message instead of a rule that never matches', () => {
    expect(compileRuleText(itemRule('f|re', '[[:bogus:]]')).errors[0]?.message).toMatch(
      /unknown POSIX class/,
    );
    expect(compileRuleText(itemRule('f|re', '\\x{1F600}')).errors[0]?.message).toMatch(/\\x\{1F600\}/);
  });
});

describe('the ? wildcard', () => {
  it('is one character, an emoji (a surrogate pair) included', () => {
    const yaml = itemRule('Name', 'a?b');
    expect(ruleMatches(yaml, { Name: 'a😀b' })).toBe(true);
    expect(ruleMatches(yaml, { Name: 'axb' })).toBe(true);
    expect(ruleMatches(yaml, { Name: 'ab' })).toBe(false);
    expect(ruleMatches(itemRule('Name|contains', 'x?y'), { Name: 'the x😀😀y' })).toBe(false);
  });
});

describe('an unfilled placeholder in a filter (win_security_dc_machine_account_logon_non_dc_ip.yml)', () => {
  const yaml = `title: machine account logon from a non-DC address
id: r1
detection:
  selection:
    EventID: 4624
  filter_dc:
    IpAddress|expand: '%DomainControllersIPs%'
  condition: selection and not filter_dc
`;
  it('loads, and its warning says the filter then removes every event, so the rule never alerts', () => {
    const { errors, warnings } = compileRuleText(yaml);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message).join()).toMatch(/%DomainControllersIPs%.*never alerts/);
    // As the warning says: the negated filter holds for no event.
    expect(ruleMatches(yaml, { EventID: 4624, IpAddress: '10.9.9.9' })).toBe(false);
  });
});

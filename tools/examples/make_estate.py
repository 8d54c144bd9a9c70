#!/usr/bin/env python3
"""Writes the bundled example estate (tools/examples/estate/) — a fictitious organisation's ISMS,
QMS and ServiceNow exports — deterministically (fixed random seed), so the files in the repository
can be regenerated and reviewed. Run: /usr/bin/python3 tools/examples/make_estate.py"""
import csv, json, os, random, datetime

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'estate')
MAPPINGS = os.path.join(HERE, '..', '..', 'mappings')
rng = random.Random(20000)
BASE = datetime.datetime(2025, 4, 1, 9, 0, 0)

def ts(days, hours=0):
    return (BASE + datetime.timedelta(days=days, hours=hours)).strftime('%Y-%m-%d %H:%M:%S')

def day(days):
    return (BASE + datetime.timedelta(days=days)).strftime('%Y-%m-%d')

def write_csv(name, header, rows):
    with open(os.path.join(OUT, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)

controls = []
with open(os.path.join(MAPPINGS, 'catalogs', 'iso27001-2022.csv'), encoding='utf-8') as f:
    for row in csv.DictReader(f):
        if row['kind'] == 'control':
            controls.append((row['ref'], row['title_en']))

owners = ['CISO', 'IT Operations', 'Service Desk', 'HR', 'Facilities', 'Legal', 'Development', 'Procurement']
services = ['Payroll', 'E-mail', 'Customer Portal', 'ERP', 'Network']

# ISMS statement of applicability (27001:2022): every Annex A control.
soa = []
for i, (ref, title) in enumerate(controls):
    applicable = 'No' if ref in ('A.7.5', 'A.8.28', 'A.7.13') else 'Yes'
    status = rng.choice(['Implemented'] * 6 + ['Partially implemented'] * 2 + ['Planned'])
    if applicable == 'No':
        status = 'Not applicable'
    soa.append([ref, title, applicable,
                'Required by risk assessment' if applicable == 'Yes' else 'No in-house development / no such facility',
                status, rng.choice(owners), 'ISMS-DOC-%03d' % (i + 1), day(rng.randint(200, 560))])
write_csv('soa.csv', ['Control', 'Control name', 'Applicable', 'Justification', 'Implementation status', 'Owner', 'Evidence', 'Last reviewed'], soa)

# ISMS risk register.
threats = ['Ransomware', 'Phishing', 'Supplier outage', 'Data centre power loss', 'Insider misuse', 'Laptop theft',
           'Unpatched server', 'Capacity exhaustion', 'Failed change', 'Cloud misconfiguration']
risks = []
for i in range(40):
    threat = threats[i % len(threats)]
    ctrl = rng.sample([c for c, _ in controls], 2)
    risks.append(['R-%03d' % (i + 1), '%s affecting %s' % (threat, rng.choice(services)), rng.choice(services), threat,
                  rng.choice(['Low', 'Medium', 'High']), rng.choice(['Low', 'Medium', 'High']),
                  rng.choice(['Reduce', 'Accept', 'Transfer']), rng.choice(['Open', 'Treated', 'Accepted', 'Treatment in progress']),
                  rng.choice(owners), '; '.join(ctrl), day(rng.randint(0, 100)), day(rng.randint(300, 560))])
write_csv('risk-register.csv', ['Risk ID', 'Risk description', 'Asset', 'Threat', 'Likelihood', 'Impact', 'Treatment',
                                'Status', 'Risk owner', 'Related controls', 'Identified', 'Last reviewed'], risks)

# QMS nonconformity and corrective action log (ISO 9001:2015 clauses).
clauses = ['7.1.5', '7.5.3', '8.4', '8.5.1', '8.7', '9.1.2', '9.2', '10.2', '7.2', '8.2.1']
capa = []
for i in range(25):
    closed = rng.random() < 0.6
    opened = rng.randint(0, 500)
    capa.append(['NC-%03d' % (i + 1), rng.choice(['Calibration record missing', 'Obsolete procedure in use',
                 'Supplier delivered late without notice', 'Customer requirement not reviewed', 'Training record incomplete',
                 'Release without final check']), day(opened), rng.choice(['Internal audit', 'Customer complaint', 'Process monitoring']),
                 rng.choice(clauses), 'Procedure not followed' if rng.random() < 0.8 else '', 'Corrected on the spot',
                 'Procedure revised and staff trained' if rng.random() < 0.85 else '',
                 'Closed' if closed else rng.choice(['Open', 'In progress']), day(opened + 60),
                 day(opened + rng.randint(20, 80)) if closed else '', 'Yes' if closed else '', rng.choice(owners)])
write_csv('capa-log.csv', ['NC No.', 'Nonconformity', 'Date raised', 'Source', 'Clause', 'Root cause', 'Correction',
                           'Corrective action', 'Status', 'Due date', 'Closed on', 'Effectiveness verified', 'Owner'], capa)

# Internal audit findings (against ISO/IEC 20000-1:2018 and 27001:2022).
findings = []
for i in range(30):
    standard = rng.choice(['iso20000-1:2018', 'iso27001:2022'])
    clause = rng.choice(['8.5.1', '8.6.1', '8.2.6', '9.4', '7.5.3', '8.3.3']) if standard.startswith('iso20000') else rng.choice(['6.1.3', '7.5', '9.2', 'A.5.24', 'A.8.8'])
    findings.append(['AF-%03d' % (i + 1), 'IA-2025-%d' % (1 + i // 10), day(120 + (i // 10) * 120), standard, clause,
                     rng.choice(['Minor nonconformity', 'Observation', 'Opportunity for improvement', 'Major nonconformity']),
                     rng.choice(['Evidence of review not retained', 'Procedure does not reflect practice', 'Targets not measured',
                                 'Approval step skipped for some records']), rng.choice(['Open', 'Closed']), rng.choice(owners)])
write_csv('audit-findings.csv', ['Finding ID', 'Audit', 'Audit date', 'Standard', 'Clause', 'Type', 'Finding', 'Status', 'Owner'], findings)

# ServiceNow incident export with display_value=all (JSON, as the Table API returns it).
states = [('1', 'New'), ('2', 'In Progress'), ('3', 'On Hold'), ('6', 'Resolved'), ('7', 'Closed'), ('8', 'Canceled')]
prios = [('1', '1 - Critical'), ('2', '2 - High'), ('3', '3 - Moderate'), ('4', '4 - Low'), ('5', '5 - Planning')]
def dv(value, display=None):
    return {'display_value': display if display is not None else value, 'value': value}
incidents = []
for i in range(1200):
    opened = rng.randint(0, 560)
    state = rng.choices(states, weights=[3, 5, 2, 20, 60, 2])[0]
    prio = rng.choices(prios, weights=[2, 8, 40, 40, 10])[0]
    resolved = state[0] in ('6', '7')
    incidents.append({
        'number': dv('INC%07d' % (10001 + i)), 'sys_id': dv('%032x' % rng.getrandbits(128)),
        'short_description': dv(rng.choice(['E-mail not delivered', 'VPN disconnects', 'Portal slow', 'Printer offline',
                                            'Password reset failed', 'Payroll batch failed', 'Disk full on server'])),
        'state': dv(*state), 'priority': dv(*prio), 'impact': dv('2', '2 - Medium'), 'urgency': dv('2', '2 - Medium'),
        'category': dv(rng.choice(['network', 'software', 'hardware', 'inquiry'])),
        'opened_at': dv(ts(opened, rng.randint(0, 9))),
        'resolved_at': dv(ts(opened, 12) if resolved else ''),
        'closed_at': dv(ts(opened + 3, 12) if state[0] == '7' else ''),
        'close_notes': dv(('Restarted service' if rng.random() < 0.9 else '') if resolved else ''),
        'assignment_group': {'display_value': 'Service Desk', 'link': 'https://example.service-now.com/api/now/table/sys_user_group/8a4dde73',
                             'value': '8a4dde73c6112278017a6a4baf547aa7'},
        'business_service': dv(rng.choice(services)),
        'sys_updated_on': dv(ts(opened + 3, 13)),
    })
with open(os.path.join(OUT, 'servicenow-incident.json'), 'w', encoding='utf-8') as f:
    # One record per line inside the array, as a pretty-printer would not: readable and diffable.
    f.write('{"result":[\n' + ',\n'.join(json.dumps(r, ensure_ascii=False) for r in incidents) + '\n]}\n')

# ServiceNow change_request export (CSV with field names, values not display values).
changes = []
for i in range(300):
    opened = rng.randint(0, 560)
    state = rng.choices(['-5', '-3', '-2', '-1', '0', '3', '4'], weights=[3, 3, 3, 2, 2, 80, 7])[0]
    approval = rng.choices(['approved', 'requested', 'not requested'], weights=[85, 5, 10])[0]
    changes.append(['CHG%07d' % (30001 + i), rng.choice(['Patch web servers', 'Upgrade ERP', 'Firewall rule change',
                    'Add storage', 'Decommission old server']), state, rng.choice(['normal', 'standard', 'emergency']),
                    approval, 'Security patch' if rng.random() < 0.9 else '', ts(opened), ts(opened + 5),
                    ts(opened + 6) if state == '3' else '', rng.choices(['successful', 'unsuccessful', ''], weights=[85, 5, 10])[0] if state == '3' else '',
                    rng.choice(services), ts(opened + 6)])
write_csv('servicenow-change_request.csv', ['number', 'short_description', 'state', 'type', 'approval', 'justification',
                                            'opened_at', 'end_date', 'closed_at', 'close_code', 'business_service', 'sys_updated_on'], changes)

# ServiceNow problem export (CSV).
problems = []
for i in range(60):
    opened = rng.randint(0, 560)
    state = rng.choice(['101', '102', '103', '104', '106', '107', '107'])
    problems.append(['PRB%07d' % (40001 + i), rng.choice(['Recurring VPN drops', 'Mail queue stalls', 'Batch job memory leak']),
                     state, rng.choice(['2', '3', '4']), 'true' if rng.random() < 0.3 else 'false',
                     rng.choice(['Driver bug', 'Undersized queue', '']) if state in ('106', '107') else '',
                     ts(opened), ts(opened + 10)])
write_csv('servicenow-problem.csv', ['number', 'short_description', 'problem_state', 'priority', 'known_error', 'cause_notes',
                                     'opened_at', 'sys_updated_on'], problems)

# ServiceNow CMDB export (JSON Lines).
with open(os.path.join(OUT, 'servicenow-cmdb_ci.jsonl'), 'w', encoding='utf-8') as f:
    for i in range(150):
        cls = rng.choice(['cmdb_ci_linux_server', 'cmdb_ci_win_server', 'cmdb_ci_computer', 'cmdb_ci_appl', 'cmdb_ci_service'])
        f.write(json.dumps({'sys_id': '%032x' % rng.getrandbits(128), 'name': '%s-%03d' % (cls.split('_')[-1], i),
                            'sys_class_name': cls, 'install_status': rng.choice(['1', '1', '1', '6', '7']),
                            'owned_by': rng.choice(owners + ['']), 'serial_number': 'SN%06d' % rng.randint(0, 999999),
                            'sys_updated_on': ts(rng.randint(0, 560))}) + '\n')
# ISMS information security incident log.
sec = []
for i in range(20):
    opened = rng.randint(0, 560)
    closed = rng.random() < 0.7
    sec.append(['SEC-%03d' % (i + 1), rng.choice(['Phishing e-mail clicked', 'Lost laptop', 'Malware on file server',
                'Misdirected e-mail with personal data', 'Unauthorised access attempt']), ts(opened),
                rng.choice(['High', 'Medium', 'Low']), 'Closed' if closed else rng.choice(['Open', 'In progress']),
                rng.choice(['Malware', 'Loss', 'Disclosure', 'Access']), 'Contained and reviewed' if closed else '',
                rng.choice(['A.5.24', 'A.5.25', 'A.5.26', 'A.8.7']), ts(opened + 4) if closed else ''])
write_csv('isms-incidents.csv', ['Incident ID', 'Summary', 'Detected', 'Severity', 'Status', 'Category', 'Response',
                                 'Related controls', 'Closed'], sec)

# Complaints register.
comp = []
for i in range(12):
    opened = rng.randint(0, 560)
    closed = rng.random() < 0.75
    comp.append(['CMP-%03d' % (i + 1), day(opened), rng.choice(['Acme Corp', 'Globex', 'Initech']), rng.choice(services),
                 rng.choice(['Portal unavailable during month end', 'Slow response to requests', 'Invoice errors']),
                 'Closed' if closed else 'Open', 'Apology and service credit' if closed else '', day(opened + 9) if closed else ''])
write_csv('complaints.csv', ['Complaint ID', 'Received', 'Customer', 'Service', 'Complaint', 'Status', 'Response', 'Closed'], comp)

# A Japanese service desk's ticket export, as Japanese Excel saves CSV (Shift_JIS / CP932).
kinds = ['インシデント', 'サービス要求', '問題', '変更']
statuses = ['新規', '対応中', '保留', '解決済み', '完了']
prios = ['高', '中', '低']
rows = []
for i in range(40):
    opened = rng.randint(0, 560)
    rows.append(['T-%04d' % (i + 1), rng.choice(kinds), rng.choice(['メール不達', 'VPN接続不可', 'アカウント追加', 'サーバー再起動']),
                 rng.choice(statuses), rng.choice(prios), (BASE + datetime.timedelta(days=opened)).strftime('%Y/%m/%d %H:%M'),
                 rng.choice(['給与計算', '電子メール', '顧客ポータル'])])
with open(os.path.join(OUT, 'tickets-sjis.csv'), 'w', newline='', encoding='cp932') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(['チケット番号', '種別', '件名', 'ステータス', '優先度', '受付日時', 'サービス'])
    w.writerows(rows)
print('wrote', OUT)

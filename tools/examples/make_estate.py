#!/usr/bin/env python3
"""Writes the bundled example estate (tools/examples/estate/) — a fictitious organisation's ISMS,
QMS and ServiceNow exports — and its Japanese counterpart (tools/examples/estate-ja/: the same kinds
of register kept in Japanese, as Japanese Excel saves CSV) deterministically (fixed random seeds), so
the files in the repository can be regenerated and reviewed.
Run: /usr/bin/python3 tools/examples/make_estate.py"""
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

# Service catalogue (preset service-catalogue): the services the exports above name, with the desk's
# Japanese names as other names. Hand-written, no random numbers, so the files above stay as they
# are. Three services are in the SMS scope; Payroll is run by a supplier; E-mail's last review is
# more than a year before the example report date (2026-11-01); Fax gateway is retired.
write_csv('services.csv', ['Service ID', 'Service', 'Other names', 'Description', 'Customer', 'In scope', 'Service owner',
                           'Operated by', 'SLA', 'SLA target', 'Last reviewed', 'Status'], [
    ['SVC-001', 'Customer Portal', '顧客ポータル', 'Web portal for customer orders and invoices', 'Acme Corp; Globex; Initech',
     'In scope', 'Digital Services', 'Internal', 'SLA-001', '99.5% availability per month; P1 resolved within 4 h',
     '2026-06-15', 'Live'],
    ['SVC-002', 'E-mail', '電子メール', 'Corporate e-mail and calendars', 'All staff', 'In scope', 'IT Operations',
     'Internal', 'SLA-002', '99.9% availability per month; P2 resolved within 8 h', '2025-08-20', 'Live'],
    ['SVC-003', 'Payroll', '給与計算', 'Monthly payroll run and payslips', 'HR', 'In scope', 'HR Systems',
     'Nimbus Payroll Services', 'SLA-003', 'Payroll run completed by the 25th of each month', '2026-03-10', 'Live'],
    ['SVC-004', 'ERP', '', 'Finance and procurement ERP', 'Finance', 'Out of scope', 'Finance Systems', 'Internal', '', '',
     '2026-01-20', 'Live'],
    ['SVC-005', 'Network', 'ネットワーク', 'LAN, WAN and VPN', 'All staff', 'Out of scope', 'IT Operations',
     'Group Network Services', 'OLA-005', '99.8% availability per month', '2025-11-30', 'Live'],
    ['SVC-006', 'Fax gateway', 'FAX送信', 'E-mail to fax gateway', 'Sales', 'Out of scope', 'IT Operations', 'Internal', '', '',
     '2024-02-01', 'Retired'],
])

# Supplier register (preset suppliers), as procurement keeps it in Japanese. Nimbus runs incident and
# request handling for Payroll under an OLA with monthly reviews (governance evidence); Skyline
# hosts the Customer Portal and E-mail and runs their capacity management, with no governance
# evidence recorded and its last performance review more than a year old.
write_csv('suppliers.csv', ['供給者ID', '供給者名', '種別', '対象サービス', '委託プロセス', '契約番号', '契約終了日',
                            '最終パフォーマンスレビュー日', 'ガバナンス証跡', '責任者'], [
    ['SUP-001', 'Nimbus Payroll Services', '外部供給者', 'Payroll', 'インシデント管理; サービス要求管理', 'CT-2024-017',
     '2027-03-31', '2026-05-12', 'OLA-PAY-01; 月次サービスレビュー議事録', 'Procurement'],
    ['SUP-002', 'Skyline Hosting', '外部供給者', 'Customer Portal; E-mail', '容量・能力管理', 'CT-2023-004', '2026-12-31',
     '2025-06-30', '', 'IT Operations'],
    ['SUP-003', 'Group Network Services', '内部グループ', 'Network', 'インシデント管理; 変更管理', 'OLA-005', '',
     '2026-02-15', 'OLA-005; 四半期レビュー議事録', 'IT Operations'],
    ['SUP-004', 'Cleanprint Ltd', '外部供給者', '', '', 'CT-2022-031', '2026-09-30', '2025-10-01', '', 'Facilities'],
])

# Document register (preset documents): one procedure or policy per main ISO/IEC 20000-1:2018
# process, hand-written so the files above stay as they are. Most have a revision history and an
# approver; DOC-011, DOC-021 and DOC-028 have no revision history, DOC-012 (a draft), DOC-016 and
# DOC-026 ("-") no approver, so quality.document-without-version-history and
# quality.document-without-approver find them. DOC-011 and DOC-021 were last reviewed more than a
# year before the example report date (2026-11-01); the draft DOC-012 has no date at all.
def doc_history(*entries):
    return '; '.join('%s %s: %s' % entry for entry in entries)
write_csv('documents.csv', ['Document ID', 'Title', 'Type', 'Version', 'Revision history', 'Approved by', 'Approved on',
                            'Owner', 'Clause', 'Last reviewed', 'Next review', 'Status'], [
    ['DOC-001', 'Service management policy', 'Policy', '3.0',
     doc_history(('3.0', '2026-04-10', 'scope extended to the Customer Portal'), ('2.0', '2025-04-02', 'aligned with ISO/IEC 20000-1:2018'),
                 ('1.0', '2024-03-15', 'first issue')), 'A. Morgan (CIO)', '2026-04-10', 'Service Management Office', '5.2',
     '2026-04-10', '2027-04-10', 'Published'],
    ['DOC-002', 'Service management plan', 'Plan', '2.1',
     doc_history(('2.1', '2026-02-20', 'objectives for FY2026'), ('2.0', '2025-04-02', 'new edition of the standard')),
     'A. Morgan (CIO)', '2026-02-20', 'Service Management Office', '4.4; 6.3', '2026-02-20', '2027-02-20', 'Published'],
    ['DOC-003', 'Control of documented information', 'Procedure', '2.0',
     doc_history(('2.0', '2025-12-01', 'retention periods added'), ('1.0', '2024-03-15', 'first issue')),
     'S. Patel (Service Management Office lead)', '2025-12-01', 'Service Management Office', '7.5.2; 7.5.3', '2025-12-01',
     '2026-12-01', 'Published'],
    ['DOC-004', 'Risk management procedure', 'Procedure', '1.2',
     doc_history(('1.2', '2026-01-15', 'risk criteria revised after management review'), ('1.1', '2025-01-10', 'owners named')),
     'R. Chen (CISO)', '2026-01-15', 'CISO', '6.1', '2026-01-15', '2027-01-15', 'Published'],
    ['DOC-005', 'Service catalogue management procedure', 'Procedure', '1.1',
     doc_history(('1.1', '2026-03-05', 'service owners added'), ('1.0', '2025-03-01', 'first issue')),
     'S. Patel (Service Management Office lead)', '2026-03-05', 'Service Management Office', '8.2.4', '2026-03-05', '2027-03-05',
     'Published'],
    ['DOC-006', 'Asset management procedure', 'Procedure', '1.3',
     doc_history(('1.3', '2026-05-18', 'software licences in scope'), ('1.2', '2025-05-20', 'annual review')),
     'K. Novak (Head of IT Operations)', '2026-05-18', 'IT Operations', '8.2.5', '2026-05-18', '2027-05-18', 'Published'],
    ['DOC-007', 'Configuration management procedure', 'Procedure', '2.2',
     doc_history(('2.2', '2026-05-18', 'CI verification made yearly'), ('2.1', '2025-05-20', 'CMDB classes listed')),
     'K. Novak (Head of IT Operations)', '2026-05-18', 'IT Operations', '8.2.6', '2026-05-18', '2027-05-18', 'Published'],
    ['DOC-008', 'Business relationship management procedure', 'Procedure', '1.1',
     doc_history(('1.1', '2026-06-30', 'customer satisfaction survey twice a year'), ('1.0', '2025-06-01', 'first issue')),
     'L. Haddad (Service Delivery Manager)', '2026-06-30', 'Service Management Office', '8.3.2', '2026-06-30', '2027-06-30',
     'Published'],
    ['DOC-009', 'Service level management procedure', 'Procedure', '2.0',
     doc_history(('2.0', '2026-06-30', 'SLA review at planned intervals'), ('1.0', '2024-06-01', 'first issue')),
     'L. Haddad (Service Delivery Manager)', '2026-06-30', 'Service Management Office', '8.3.3', '2026-06-30', '2027-06-30',
     'Published'],
    ['DOC-010', 'Supplier management procedure', 'Procedure', '1.4',
     doc_history(('1.4', '2026-02-12', 'internal suppliers covered'), ('1.3', '2025-02-10', 'contract review added')),
     'M. Okafor (Head of Procurement)', '2026-02-12', 'Procurement', '8.3.4; 8.3.4.1; 8.3.4.2', '2026-02-12', '2027-02-12',
     'Published'],
    ['DOC-011', 'Budgeting and accounting for services procedure', 'Procedure', '1.0', '', 'F. Rossi (Finance Director)',
     '2024-09-30', 'Finance', '8.4.1', '2025-09-30', '2026-09-30', 'Published'],
    ['DOC-012', 'Demand management procedure', 'Procedure', '0.3', doc_history(('0.3', '2026-09-14', 'forecast method drafted')), '',
     '', 'Service Management Office', '8.4.2', '', '', 'Draft'],
    ['DOC-013', 'Capacity management procedure', 'Procedure', '1.2',
     doc_history(('1.2', '2026-04-22', 'thresholds for storage'), ('1.1', '2025-04-15', 'annual review')),
     'K. Novak (Head of IT Operations)', '2026-04-22', 'IT Operations', '8.4.3', '2026-04-22', '2027-04-22', 'Published'],
    ['DOC-014', 'Change management policy', 'Policy', '2.0',
     doc_history(('2.0', '2026-01-20', 'emergency change criteria defined'), ('1.0', '2024-03-15', 'first issue')),
     'A. Morgan (CIO)', '2026-01-20', 'Service Management Office', '8.5.1.1', '2026-01-20', '2027-01-20', 'Published'],
    ['DOC-015', 'Change management procedure', 'Procedure', '3.1',
     doc_history(('3.1', '2026-01-20', 'CAB membership updated'), ('3.0', '2025-01-22', 'standard changes pre-approved'),
                 ('2.0', '2024-03-15', 'aligned with the policy')),
     'S. Patel (Service Management Office lead)', '2026-01-20', 'Service Management Office', '8.5.1.2; 8.5.1.3', '2026-01-20',
     '2027-01-20', 'Published'],
    ['DOC-016', 'Service design and transition procedure', 'Procedure', '1.1',
     doc_history(('1.1', '2026-08-03', 'acceptance criteria for new services')), '', '', 'Development', '8.5.2', '2026-08-03',
     '2027-08-03', 'Under review'],
    ['DOC-017', 'Release and deployment management procedure', 'Procedure', '2.0',
     doc_history(('2.0', '2026-03-18', 'release calendar and rollback'), ('1.0', '2024-04-01', 'first issue')),
     'D. Kim (Head of Development)', '2026-03-18', 'Development', '8.5.3', '2026-03-18', '2027-03-18', 'Published'],
    ['DOC-018', 'Incident management procedure', 'Procedure', '4.0',
     doc_history(('4.0', '2026-02-02', 'major incident handling'), ('3.2', '2025-02-03', 'priority matrix revised'),
                 ('3.1', '2024-08-19', 'escalation contacts')),
     'J. Silva (Service Desk Manager)', '2026-02-02', 'Service Desk', '8.6.1', '2026-02-02', '2027-02-02', 'Published'],
    ['DOC-019', 'Service request management procedure', 'Procedure', '2.1',
     doc_history(('2.1', '2026-02-02', 'request catalogue linked'), ('2.0', '2025-02-03', 'fulfilment targets')),
     'J. Silva (Service Desk Manager)', '2026-02-02', 'Service Desk', '8.6.2', '2026-02-02', '2027-02-02', 'Published'],
    ['DOC-020', 'Problem management procedure', 'Procedure', '2.0',
     doc_history(('2.0', '2026-02-16', 'known error records in the CMDB'), ('1.0', '2024-03-15', 'first issue')),
     'K. Novak (Head of IT Operations)', '2026-02-16', 'IT Operations', '8.6.3', '2026-02-16', '2027-02-16', 'Published'],
    ['DOC-021', 'Service availability management procedure', 'Procedure', '1.0', '', 'K. Novak (Head of IT Operations)',
     '2024-06-20', 'IT Operations', '8.7.1', '2025-06-20', '2026-06-20', 'Published'],
    ['DOC-022', 'Service continuity plan', 'Plan', '3.0',
     doc_history(('3.0', '2026-07-07', 'results of the June exercise'), ('2.0', '2025-07-01', 'second data centre')),
     'A. Morgan (CIO)', '2026-07-07', 'IT Operations', '8.7.2', '2026-07-07', '2027-07-07', 'Published'],
    ['DOC-023', 'Information security policy', 'Policy', '5.0',
     doc_history(('5.0', '2026-04-01', 'ISO/IEC 27001:2022 controls'), ('4.1', '2025-04-01', 'annual review')),
     'Board of Directors', '2026-04-01', 'CISO', '8.7.3.1', '2026-04-01', '2027-04-01', 'Published'],
    ['DOC-024', 'Internal audit procedure', 'Procedure', '1.3',
     doc_history(('1.3', '2026-03-30', 'audit programme for three years'), ('1.2', '2025-03-28', 'auditor independence')),
     'A. Morgan (CIO)', '2026-03-30', 'Service Management Office', '9.2', '2026-03-30', '2027-03-30', 'Published'],
    ['DOC-025', 'Management review procedure', 'Procedure', '1.1',
     doc_history(('1.1', '2026-05-06', 'inputs of the 2018 edition'), ('1.0', '2024-05-10', 'first issue')),
     'A. Morgan (CIO)', '2026-05-06', 'Service Management Office', '9.3', '2026-05-06', '2027-05-06', 'Published'],
    ['DOC-026', 'Service reporting procedure', 'Procedure', '1.2',
     doc_history(('1.2', '2026-06-08', 'monthly report per service'), ('1.1', '2025-06-09', 'report recipients')), '-', '',
     'Service Management Office', '9.4', '2026-06-08', '2027-06-08', 'Published'],
    ['DOC-027', 'Nonconformity and corrective action procedure', 'Procedure', '2.0',
     doc_history(('2.0', '2026-01-12', 'effectiveness review required'), ('1.0', '2024-03-15', 'first issue')),
     'S. Patel (Service Management Office lead)', '2026-01-12', 'Service Management Office', '10.1', '2026-01-12', '2027-01-12',
     'Published'],
    ['DOC-028', 'Change advisory board minutes', 'Record', '2026-10', '', 'S. Patel (Service Management Office lead)',
     '2026-10-06', 'Service Management Office', '8.5.1.3', '2026-10-06', '', 'Approved'],
])
print('wrote', OUT)

# ---------------------------------------------------------------------------------------------------
# The same kind of estate kept by a Japanese organisation (tools/examples/estate-ja/): every file as
# Japanese Excel saves "CSV (コンマ区切り)" — Shift_JIS (CP932), CRLF, Japanese headers and values,
# dates as Excel shows them (2025/4/1 9:05, JST). tools/examples/crosswalkd-ja.yaml reads it with the
# encoding detected. Its own random numbers, so the English estate above does not change.
OUT_JA = os.path.join(HERE, 'estate-ja')
os.makedirs(OUT_JA, exist_ok=True)
rj = random.Random(20201)
BASE_JA = datetime.datetime(2025, 4, 1, 9, 0, 0)  # the Japanese fiscal year starts in April

def jday(days):
    d = BASE_JA + datetime.timedelta(days=days)
    return '%d/%d/%d' % (d.year, d.month, d.day)

def jts(days, minutes=0):
    d = BASE_JA + datetime.timedelta(days=days, minutes=minutes)
    return '%d/%d/%d %d:%02d' % (d.year, d.month, d.day, d.hour, d.minute)

def write_sjis(name, header, rows):
    with open(os.path.join(OUT_JA, name), 'w', newline='', encoding='cp932') as f:
        w = csv.writer(f, lineterminator='\r\n')
        w.writerow(header)
        w.writerows(rows)

# 適用宣言書 (ISO/IEC 27001:2022 = JIS Q 27001:2023 Annex A), one row per control. The control names
# are the short Japanese headings as SoAs commonly write them (our rendering, for the example).
CONTROLS_JA = [
    '情報セキュリティのための方針群', '情報セキュリティの役割及び責任', '職務の分離', '経営陣の責任', '関係当局との連絡',
    '専門組織との連絡', '脅威インテリジェンス', 'プロジェクトマネジメントにおける情報セキュリティ',
    '情報及びその他の関連資産の目録', '情報及びその他の関連資産の利用の許容範囲', '資産の返却', '情報の分類',
    '情報のラベル付け', '情報転送', 'アクセス制御', '識別情報の管理', '認証情報', 'アクセス権',
    '供給者関係における情報セキュリティ', '供給者との合意における情報セキュリティの取扱い',
    'ICTサプライチェーンにおける情報セキュリティの管理', '供給者のサービス提供の監視、レビュー及び変更管理',
    'クラウドサービスの利用における情報セキュリティ', '情報セキュリティインシデント管理の計画策定及び準備',
    '情報セキュリティ事象の評価及び決定', '情報セキュリティインシデントへの対応', '情報セキュリティインシデントからの学習',
    '証拠の収集', '事業の中断・阻害時の情報セキュリティ', '事業継続のためのICTの備え', '法令、規制及び契約上の要求事項',
    '知的財産権', '記録の保護', 'プライバシー及びPIIの保護', '情報セキュリティの独立したレビュー',
    '情報セキュリティのための方針群、規則及び標準の順守', '操作手順書',
    '選考', '雇用条件', '情報セキュリティの意識向上、教育及び訓練', '懲戒手続', '雇用の終了又は変更後の責任',
    '秘密保持契約又は守秘義務契約', 'リモートワーク', '情報セキュリティ事象の報告',
    '物理的セキュリティ境界', '物理的入退', 'オフィス、部屋及び施設のセキュリティ', '物理的セキュリティの監視',
    '物理的及び環境的脅威からの保護', 'セキュリティを保つべき領域での作業', 'クリアデスク・クリアスクリーン',
    '装置の設置及び保護', '構外にある資産のセキュリティ', '記憶媒体', 'サポートユーティリティ', 'ケーブル配線のセキュリティ',
    '装置の保守', '装置のセキュリティを保った処分又は再利用',
    '利用者エンドポイント機器', '特権的アクセス権', '情報へのアクセス制限', 'ソースコードへのアクセス',
    'セキュリティを保った認証', '容量・能力の管理', 'マルウェアに対する保護', '技術的ぜい弱性の管理', '構成管理',
    '情報の削除', 'データマスキング', 'データ漏えいの防止', '情報のバックアップ', '情報処理施設の冗長性', 'ログ取得',
    '監視活動', 'クロックの同期', '特権的なユーティリティプログラムの使用', '運用システムへのソフトウェアの導入',
    'ネットワークのセキュリティ', 'ネットワークサービスのセキュリティ', 'ネットワークの分離', 'ウェブ・フィルタリング',
    '暗号の利用', 'セキュリティに配慮した開発のライフサイクル', 'アプリケーションのセキュリティの要求事項',
    'セキュリティに配慮したシステムアーキテクチャ及びシステム構築の原則', 'セキュリティに配慮したコーディング',
    '開発及び受入れにおけるセキュリティテスト', '外部委託による開発', '開発環境、テスト環境及び本番環境の分離', '変更管理',
    'テスト用情報', '監査試験中の情報システムの保護',
]
assert len(CONTROLS_JA) == len(controls) == 93
departments = ['情報セキュリティ委員会', '情報システム部', 'サービスデスク', '総務部', '人事部', '法務部', '開発部', '購買部']
services_ja = ['給与計算', '電子メール', '顧客ポータル', '基幹システム', 'ネットワーク']
excluded = {'A.8.4': 'ソースコードを保有しないため', 'A.8.28': '自社でのソフトウェア開発を行わないため',
            'A.8.30': '開発を外部委託していないため'}
soa_ja = []
for i, ((ref, _), name) in enumerate(zip(controls, CONTROLS_JA)):
    if ref in excluded:
        soa_ja.append([ref[2:], name, '×', excluded[ref], '適用外', rj.choice(departments), '', jday(rj.randint(200, 560))])
        continue
    soa_ja.append([ref[2:], name, '○', rj.choice(['リスクアセスメントの結果', 'リスクアセスメントの結果', '法令・規制要求事項', '契約上の要求事項']),
                   rj.choice(['実施済み'] * 6 + ['一部実施'] * 2 + ['計画中', '未実施']), rj.choice(departments),
                   'ISMS-規程-%03d' % (i + 1), jday(rj.randint(200, 560))])
write_sjis('soa.csv', ['管理策番号', '管理策名', '適用', '適用・除外の理由', '実施状況', '管理責任者', '関連文書', '最終見直し日'], soa_ja)

# リスク登録簿 (ISMS risk register): related controls as typed in Japanese sheets ("5.24、8.13").
threats_ja = [('ランサムウェア感染', 'バックアップの世代管理不足'), ('標的型メール攻撃', '利用者の訓練不足'),
              ('委託先のサービス停止', '代替手段の未整備'), ('データセンターの停電', '無停電電源装置の容量不足'),
              ('内部不正', '特権IDの共用'), ('ノートPCの紛失・盗難', 'ディスク暗号化の未実施'),
              ('未適用のセキュリティパッチ', 'パッチ適用手順の形骸化'), ('ストレージ容量の枯渇', '容量監視の閾値未設定'),
              ('変更作業の失敗', '切り戻し手順の未整備'), ('クラウド設定の誤り', '設定レビューの不在')]
control_refs = [c[2:] for c, _ in controls]
risks_ja = []
for i in range(30):
    threat, vulnerability = threats_ja[i % len(threats_ja)]
    service = rj.choice(services_ja)
    level = rj.choice(['高', '中', '低'])
    status = rj.choice(['未対応', '対応中', '対応中', '対応済み', '受容'])
    risks_ja.append(['R-%03d' % (i + 1), '%sによる%sの停止・情報漏えい' % (threat, service), service, threat, vulnerability,
                     rj.choice(['高', '中', '低']), rj.choice(['高', '中', '低']), level,
                     '受容' if status == '受容' else rj.choice(['低減', '低減', '移転', '回避']), status, rj.choice(departments),
                     '、'.join(rj.sample(control_refs, 2)), jday(rj.randint(0, 100)), jday(rj.randint(300, 560))])
write_sjis('risk-register.csv', ['リスク番号', 'リスク内容', '情報資産', '脅威', '脆弱性', '起こりやすさ', '影響度', 'リスクレベル',
                                 'リスク対応', '対応状況', 'リスク所有者', '関連管理策', '特定日', '見直し日'], risks_ja)

# 是正処置管理台帳 (QMS nonconformity and corrective action log, JIS Q 9001:2015 clauses).
ncs_ja = [('校正記録が保管されていない', '校正期限の管理表が更新されていなかった', '7.1.5'),
          ('旧版の手順書が現場で使われていた', '改訂時の旧版回収手順がない', '7.5.3'),
          ('外部委託先の作業報告書が未受領', '受入れ確認の担当が決まっていない', '8.4'),
          ('顧客要求事項のレビュー記録がない', 'レビュー様式が周知されていない', '8.2.3'),
          ('教育訓練記録に未記入がある', '記録の確認者がいない', '7.2'),
          ('最終確認を経ずにリリースした', 'リリース判定の基準が曖昧', '8.6')]
capa_ja = []
for i in range(20):
    title, cause, clause = ncs_ja[i % len(ncs_ja)]
    opened = rj.randint(0, 500)
    status = rj.choice(['未着手', '対応中', '有効性確認中', '完了', '完了', '完了'])
    done = status == '完了'
    capa_ja.append(['NC-%03d' % (i + 1), title, jday(opened), rj.choice(['内部監査', '顧客苦情', '工程監視', '外部審査']), clause,
                    cause if status != '未着手' else '', '当該記録を是正した' if status != '未着手' else '',
                    '手順を改訂し関係者へ教育を実施' if status in ('有効性確認中', '完了') else '', status, jday(opened + 60),
                    jday(opened + rj.randint(20, 80)) if done else '', '有効（再発なし）' if done else '', rj.choice(departments)])
write_sjis('capa-log.csv', ['不適合番号', '不適合内容', '発見日', '発見元', '該当条項', '原因', '修正', '是正処置', '状況',
                            '対応期限', '完了日', '有効性確認', '担当者'], capa_ja)

# 内部監査所見 (internal audit findings against JIS Q 20000-1:2020 and JIS Q 27001:2023).
findings_ja = []
for i in range(24):
    standard = rj.choice(['JISQ20000-1:2020', 'JISQ27001:2023'])
    clause = (rj.choice(['8.5.1', '8.6.1', '8.2.6', '9.4', '7.5.3', '8.3.3']) if '20000' in standard
              else rj.choice(['6.1.3', '7.5', '9.2', 'A.5.24', 'A.8.8']))
    audit_day = 120 + (i // 8) * 120
    status = rj.choice(['未対応', '対応中', '完了', '完了'])
    findings_ja.append(['AF-%03d' % (i + 1), '%d年度 第%d回内部監査' % (2025, 1 + i // 8), jday(audit_day), standard, clause,
                        rj.choice(['重大な不適合', '軽微な不適合', '軽微な不適合', '観察事項', '改善の機会']),
                        rj.choice(['レビューの証跡が保管されていない', '手順書と実際の運用が一致していない',
                                   '目標が測定されていない', '一部の記録で承認手順が省略されている']),
                        status, rj.choice(departments), jday(audit_day + 60), jday(audit_day + rj.randint(10, 50)) if status == '完了' else ''])
write_sjis('audit-findings.csv', ['所見番号', '監査名', '監査日', '規格', '条項', '区分', '所見', '状況', '被監査部門',
                                  '対応期限', '完了日'], findings_ja)

# 構成品目一覧 (CI list kept as a spreadsheet): servers, network gear, storage, PCs and software.
classes_ja = [('サーバー', 'SV'), ('ネットワーク機器', 'NW'), ('ストレージ', 'ST'), ('PC', 'PC'), ('ソフトウェア', 'SW')]
cmdb_ja = []
for i in range(60):
    cls, prefix = classes_ja[i % len(classes_ja)]
    status = rj.choice(['稼働中'] * 6 + ['保守中', '在庫', '発注中', '廃棄済み'])
    software = cls == 'ソフトウェア'
    cmdb_ja.append(['CI-%04d' % (i + 1), '%s-%03d' % (prefix, i + 1), cls, status,
                    '' if i % 9 == 4 else rj.choice(departments[1:5]), rj.choice(services_ja),
                    '' if software else rj.choice(['東京DC', '大阪DC', '本社3F', '本社5F']),
                    '' if software else 'SN%06d' % rj.randint(0, 999999),
                    ('LIC-%05d' % rj.randint(0, 99999) if i % 4 else '') if software else '',
                    rj.choice(['1.0', '2.3', '10.4', '2024']) if software else '', jday(rj.randint(100, 560))])
write_sjis('cmdb.csv', ['構成品目ID', '名称', '種別', 'ステータス', '所有者', '対象サービス', '設置場所', 'シリアル番号',
                        'ライセンス', 'バージョン', '最終確認日'], cmdb_ja)
ci_names = [row[1] for row in cmdb_ja if row[3] != '廃棄済み']

# インシデント・サービス要求 (the service desk's ticket export, generic-ticket).
subjects = {'インシデント': ['メール不達', 'VPN接続不可', '顧客ポータルの応答遅延', 'プリンター印刷不可', '給与計算バッチ異常終了',
                             'ファイルサーバー容量逼迫'],
            'サービス要求': ['アカウント追加', 'パスワード再設定', 'ソフトウェア導入依頼', 'PC貸出'],
            '問い合わせ': ['操作方法の問い合わせ', '請求書の再発行', 'VPN利用手順の確認']}
desk_statuses = ['新規', '対応中', '一次対応中', 'エスカレーション中', '保留中', '回答待ち', '解決済み', '完了', '完了', '完了',
                 '取消', '復旧']
desk = []
for i in range(150):
    kind = rj.choices(['インシデント', 'サービス要求', '問い合わせ'], weights=[6, 3, 1])[0]
    opened = rj.randint(0, 560)
    status = rj.choice(desk_statuses)
    resolved = status in ('解決済み', '完了', '復旧')
    minutes = rj.randint(0, 480)
    desk.append(['INC-%05d' % (i + 1), kind, rj.choice(subjects[kind]), status, rj.choices(['緊急', '高', '中', '低'], weights=[1, 3, 8, 5])[0],
                 rj.choice(['高', '中', '低']), rj.choice(['高', '中', '低']),
                 rj.choice(['ネットワーク', 'ハードウェア', 'ソフトウェア', 'アカウント']) if kind == 'インシデント' else '',
                 jts(opened, minutes), jts(opened, minutes + rj.randint(30, 600)) if resolved else '',
                 jts(opened + 3, minutes) if status == '完了' else '', rj.choice(services_ja), rj.choice(ci_names),
                 rj.choice(['佐藤', '鈴木', '高橋', '田中', '伊藤']), '再起動により復旧' if resolved and kind == 'インシデント' else
                 ('対応済み' if resolved else '')])
write_sjis('incidents.csv', ['チケット番号', '種別', '件名', 'ステータス', '優先度', '影響度', '緊急度', 'カテゴリ', '受付日時',
                             '解決日時', '完了日時', 'サービス', '構成品目', '担当者', '対応内容'], desk)

# 変更管理台帳 (change register, generic-ticket: 区分 is the kind column).
change_statuses = ['新規', '申請中', '承認待ち', '承認済み', '実施予定', '実施中', '実施済み', '完了', '完了', '完了', '完了',
                   '却下', '取下げ']
changes_ja = []
for i in range(50):
    opened = rj.randint(0, 560)
    status = rj.choice(change_statuses)
    change_type = rj.choices(['標準', '通常', '緊急'], weights=[3, 6, 1])[0]
    if status in ('新規', '申請中', '承認待ち', '却下', '取下げ'):
        approval = '未承認'
    else:
        approval = '承認不要' if change_type == '標準' else rj.choices(['承認済み', ''], weights=[9, 1])[0]
    changes_ja.append(['CHG-%04d' % (i + 1), '変更', rj.choice(['Webサーバーへのパッチ適用', '基幹システムのバージョンアップ',
                       'ファイアウォールルール変更', 'ストレージ増設', '旧サーバーの撤去']), change_type, status,
                       rj.choice(['高', '中', '中', '低']), approval, rj.choice(['セキュリティパッチ適用のため', '性能改善のため',
                       '保守期限切れのため', '']), jts(opened, rj.randint(0, 480)), jts(opened + 7, 1200) if status not in ('却下', '取下げ') else '',
                       jts(opened + 8, 60) if status == '完了' else '', rj.choice(services_ja), rj.choice(ci_names),
                       rj.choice(['佐藤', '鈴木', '高橋', '田中', '伊藤'])])
write_sjis('changes.csv', ['管理番号', '区分', '件名', '変更種別', 'ステータス', '優先度', '承認状況', '変更理由', '起票日時',
                           '実施予定日時', '完了日時', 'サービス', '構成品目', '担当者'], changes_ja)

# 問題管理台帳 (problem register, generic-ticket; priority, impact and urgency numbered as in
# ServiceNow-like tools: "1 - 緊急").
problem_statuses = ['新規', '原因調査中', '恒久対策検討中', '恒久対策実施中', '解決済み', '完了', '完了']
problems_ja = []
for i in range(20):
    opened = rj.randint(0, 560)
    kind = '既知のエラー' if i % 5 == 3 else '問題'
    status = rj.choice(problem_statuses)
    resolved = status in ('解決済み', '完了')
    problems_ja.append(['PRB-%04d' % (i + 1), kind, rj.choice(['VPN切断の再発', 'メールキューの滞留', 'バッチ処理のメモリリーク',
                        'ポータルの間欠的なタイムアウト']), status,
                        rj.choice(['1 - 緊急', '2 - 高', '3 - 中', '3 - 中', '4 - 低']), rj.choice(['1 - 高', '2 - 中', '3 - 低']),
                        rj.choice(['1 - 高', '2 - 中', '3 - 低']), jts(opened, rj.randint(0, 480)),
                        jts(opened + 14, 120) if resolved else '', jts(opened + 20, 60) if status == '完了' else '',
                        rj.choice(services_ja), rj.choice(['ドライバーの不具合', 'キュー設定の不足', '']) if resolved or kind == '既知のエラー' else '',
                        '回避策：サービス再起動' if kind == '既知のエラー' else ('恒久対策を適用' if resolved else ''),
                        rj.choice(['佐藤', '鈴木', '高橋'])])
write_sjis('problems.csv', ['管理番号', '種別', '件名', 'ステータス', '優先度', '影響度', '緊急度', '起票日時', '解決日時',
                            '完了日時', 'サービス', '根本原因', '対応内容', '担当者'], problems_ja)

# 文書管理台帳 (document register, preset documents): one procedure per main JIS Q 20000-1:2020
# process. Hand-written: DOC-J011 and DOC-J019 have no revision history (改訂履歴, 改訂理由),
# DOC-J012 (作成中) and DOC-J016 (レビュー中) no approver, DOC-J024 (承認待ち) "－".
def rev(*entries):
    return '／'.join('第%s版 %s %s' % entry for entry in entries)
docs_ja = [
    ('DOC-J001', 'サービスマネジメント方針', '方針', '3', rev(('3', '2026/4/10', '適用範囲に顧客ポータルを追加'), ('2', '2025/4/2', 'JIS Q 20000-1:2020へ移行')), '適用範囲の拡大', '山田 太郎（CIO）', '2026/4/10', 'サービスマネジメント事務局', '5.2', '2026/4/10', '2027/4/10', '発行済み'),
    ('DOC-J002', 'サービスマネジメント計画書', '計画書', '2', rev(('2', '2026/2/20', '2026年度の目標を設定')), '年度計画の更新', '山田 太郎（CIO）', '2026/2/20', 'サービスマネジメント事務局', '4.4、6.3', '2026/2/20', '2027/2/20', '発行済み'),
    ('DOC-J003', '文書管理規程', '規程', '2', rev(('2', '2025/12/1', '保管期間を追加'), ('1', '2024/4/1', '制定')), '保管期間の明確化', '小林 花子（事務局長）', '2025/12/1', 'サービスマネジメント事務局', '7.5.2、7.5.3', '2025/12/1', '2026/12/1', '発行済み'),
    ('DOC-J004', 'リスク管理手順書', '手順書', '2', rev(('2', '2026/1/15', 'リスク基準を改訂'), ('1', '2024/4/1', '制定')), 'マネジメントレビューの指摘', '中村 健（CISO）', '2026/1/15', '情報セキュリティ委員会', '6.1', '2026/1/15', '2027/1/15', '発行済み'),
    ('DOC-J005', 'サービスカタログ管理手順書', '手順書', '1', rev(('1', '2025/11/5', '制定')), '制定', '小林 花子（事務局長）', '2025/11/5', 'サービスマネジメント事務局', '8.2.4', '2025/11/5', '2026/11/5', '発行済み'),
    ('DOC-J006', '資産管理手順書', '手順書', '2', rev(('2', '2026/5/18', 'ソフトウェアライセンスを対象に追加'), ('1', '2024/5/20', '制定')), 'ライセンス管理の追加', '加藤 誠（情報システム部長）', '2026/5/18', '情報システム部', '8.2.5', '2026/5/18', '2027/5/18', '発行済み'),
    ('DOC-J007', '構成管理手順書', '手順書', '3', rev(('3', '2026/5/18', '構成品目の年次確認を規定'), ('2', '2025/5/20', 'CIの種別を定義')), '棚卸の明確化', '加藤 誠（情報システム部長）', '2026/5/18', '情報システム部', '8.2.6', '2026/5/18', '2027/5/18', '発行済み'),
    ('DOC-J008', '事業関係管理手順書', '手順書', '1', rev(('1', '2026/6/30', '制定')), '制定', '渡辺 直美（サービス提供責任者）', '2026/6/30', 'サービスマネジメント事務局', '8.3.2', '2026/6/30', '2027/6/30', '発行済み'),
    ('DOC-J009', 'サービスレベル管理手順書', '手順書', '2', rev(('2', '2026/6/30', 'SLAの定期レビューを追加'), ('1', '2024/6/1', '制定')), 'SLAレビューの規定', '渡辺 直美（サービス提供責任者）', '2026/6/30', 'サービスマネジメント事務局', '8.3.3', '2026/6/30', '2027/6/30', '発行済み'),
    ('DOC-J010', '供給者管理手順書', '手順書', '2', rev(('2', '2026/2/12', '内部供給者を対象に追加'), ('1', '2025/2/10', '制定')), '内部供給者の追加', '松本 修（購買部長）', '2026/2/12', '購買部', '8.3.4、8.3.4.1、8.3.4.2', '2026/2/12', '2027/2/12', '発行済み'),
    ('DOC-J011', 'サービスの予算業務及び会計業務手順書', '手順書', '1', '', '', '井上 由美（経理部長）', '2024/9/30', '経理部', '8.4.1', '2025/9/30', '2026/9/30', '発行済み'),
    ('DOC-J012', '需要管理手順書', '手順書', '0.3', rev(('0.3', '2026/9/14', '需要予測の方法を起案')), '新規作成', '', '', 'サービスマネジメント事務局', '8.4.2', '', '', '作成中'),
    ('DOC-J013', '容量・能力管理手順書', '手順書', '2', rev(('2', '2026/4/22', 'ストレージの閾値を追加'), ('1', '2025/4/15', '制定')), '監視閾値の追加', '加藤 誠（情報システム部長）', '2026/4/22', '情報システム部', '8.4.3', '2026/4/22', '2027/4/22', '発行済み'),
    ('DOC-J014', '変更管理方針', '方針', '2', rev(('2', '2026/1/20', '緊急変更の基準を定義'), ('1', '2024/4/1', '制定')), '緊急変更の明確化', '山田 太郎（CIO）', '2026/1/20', 'サービスマネジメント事務局', '8.5.1.1', '2026/1/20', '2027/1/20', '発行済み'),
    ('DOC-J015', '変更管理手順書', '手順書', '4', rev(('4', '2026/1/20', 'CABの構成員を更新'), ('3', '2025/1/22', '標準変更を事前承認化'), ('2', '2024/4/1', '方針に整合')), 'CAB構成の変更', '小林 花子（事務局長）', '2026/1/20', 'サービスマネジメント事務局', '8.5.1.2、8.5.1.3', '2026/1/20', '2027/1/20', '発行済み'),
    ('DOC-J016', 'サービスの設計及び移行手順書', '手順書', '2', rev(('2', '2026/8/3', '新サービスの受入れ基準を追加')), '受入れ基準の追加', '', '', '開発部', '8.5.2', '2026/8/3', '2027/8/3', 'レビュー中'),
    ('DOC-J017', 'リリース及び展開管理手順書', '手順書', '2', rev(('2', '2026/3/18', 'リリースカレンダーと切り戻しを追加'), ('1', '2024/4/1', '制定')), '切り戻し手順の追加', '木村 亮（開発部長）', '2026/3/18', '開発部', '8.5.3', '2026/3/18', '2027/3/18', '発行済み'),
    ('DOC-J018', 'インシデント管理手順書', '手順書', '4', rev(('4', '2026/2/2', '重大なインシデントの手順を追加'), ('3', '2025/2/3', '優先度の基準を改訂')), '重大インシデント対応の追加', '清水 聡（サービスデスク責任者）', '2026/2/2', 'サービスデスク', '8.6.1', '2026/2/2', '2027/2/2', '発行済み'),
    ('DOC-J019', 'サービス要求管理手順書', '手順書', '1', '', '', '清水 聡（サービスデスク責任者）', '2025/2/3', 'サービスデスク', '8.6.2', '2025/2/3', '2026/2/3', '発行済み'),
    ('DOC-J020', '問題管理手順書', '手順書', '2', rev(('2', '2026/2/16', '既知のエラーの記録を規定'), ('1', '2024/4/1', '制定')), '既知のエラー管理の追加', '加藤 誠（情報システム部長）', '2026/2/16', '情報システム部', '8.6.3', '2026/2/16', '2027/2/16', '発行済み'),
    ('DOC-J021', 'サービス可用性管理手順書', '手順書', '1', rev(('1', '2025/6/20', '制定')), '制定', '加藤 誠（情報システム部長）', '2025/6/20', '情報システム部', '8.7.1', '2025/6/20', '2026/6/20', '発行済み'),
    ('DOC-J022', 'サービス継続計画書', '計画書', '3', rev(('3', '2026/7/7', '6月の訓練結果を反映'), ('2', '2025/7/1', '第二データセンターを追加')), '訓練結果の反映', '山田 太郎（CIO）', '2026/7/7', '情報システム部', '8.7.2', '2026/7/7', '2027/7/7', '発行済み'),
    ('DOC-J023', '情報セキュリティ基本方針', '方針', '5', rev(('5', '2026/4/1', 'JIS Q 27001:2023の管理策に対応'), ('4', '2025/4/1', '年次見直し')), '規格改訂への対応', '取締役会', '2026/4/1', '情報セキュリティ委員会', '8.7.3.1', '2026/4/1', '2027/4/1', '発行済み'),
    ('DOC-J024', '内部監査手順書', '手順書', '2', rev(('2', '2026/3/30', '3か年の監査プログラムを規定')), '監査プログラムの明確化', '－', '', 'サービスマネジメント事務局', '9.2', '2026/3/30', '2027/3/30', '承認待ち'),
    ('DOC-J025', 'マネジメントレビュー手順書', '手順書', '1', rev(('1', '2026/5/6', '制定')), '制定', '山田 太郎（CIO）', '2026/5/6', 'サービスマネジメント事務局', '9.3', '2026/5/6', '2027/5/6', '発行済み'),
    ('DOC-J026', 'サービスの報告手順書', '手順書', '2', rev(('2', '2026/6/8', 'サービスごとの月次報告'), ('1', '2025/6/9', '制定')), '報告様式の変更', '渡辺 直美（サービス提供責任者）', '2026/6/8', 'サービスマネジメント事務局', '9.4', '2026/6/8', '2027/6/8', '発行済み'),
    ('DOC-J027', '不適合及び是正処置手順書', '手順書', '2', rev(('2', '2026/1/12', '有効性レビューを必須化'), ('1', '2024/4/1', '制定')), '有効性確認の強化', '小林 花子（事務局長）', '2026/1/12', 'サービスマネジメント事務局', '10.1', '2026/1/12', '2027/1/12', '発行済み'),
    ('DOC-J028', '旧インシデント対応手順書', '手順書', '3', rev(('3', '2024/3/1', 'DOC-J018へ統合のため廃止')), 'DOC-J018への統合', '清水 聡（サービスデスク責任者）', '2024/3/1', 'サービスデスク', '8.6.1', '2024/3/1', '', '廃止'),
]
write_sjis('documents.csv', ['文書番号', '文書名', '文書種別', '版', '改訂履歴', '改訂理由', '承認者', '承認日', '所有者',
                             '対象プロセス/箇条', '見直し日', '次回見直し日', '状態'], docs_ja)
print('wrote', OUT_JA)

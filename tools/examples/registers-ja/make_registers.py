#!/usr/bin/python3
"""Writes tools/examples/registers-ja/: the registers a Japanese IMS coordinator brings on the first
day, kept the way Japanese Excel keeps them. README.md, "Your own Japanese registers, step by step",
walks through them; tests/gateway/readme_walkthrough_e2e_test.cc runs that walk-through as written.

Run: /usr/bin/python3 tools/examples/registers-ja/make_registers.py  (needs python3-openpyxl)

What each file holds, and what the walk-through shows with it:
- soa.xlsx: a workbook that opens on a cover page (表紙) and a revision history (改訂履歴) before
  the statement of applicability (適用宣言書). Control refs typed every way people type them
  (５．２４, A５.２５, Ａ.8.32, 5.26); status words 完了, 対応済, 一部実施, 計画中, 対象外; review
  dates as a real date cell, as 令和6年6月13日 and as R6.4.1 — each must stay that calendar day.
- audit-findings.csv (Shift_JIS, CRLF): an internal-audit register over three standards. 対象規格
  (ISMS / QMS / ITSMS) decides which standard each clause belongs to; 監査実施日 and 処置期限 in
  Japanese date forms; 確認者 is a column no role claims (kept and listed).
- capa-log.csv (Shift_JIS, CRLF): the QMS corrective-action log. Its due-date column is headed
  是正期日, a spelling crosswalk does not know: the preview lists it as unclaimed, and the
  walk-through maps it with --columns due=是正期日, which re-reads the file.
- incidents.csv (UTF-8): a ServiceNow incident list exported from the UI, times in the exporting
  user's time zone (JST). INC0020001 opened at 08:00 JST on 1 October 2024 — 23:00 UTC on
  30 September: a report in Asia/Tokyo counts it in October, one in UTC in September.
- titles-ja.csv: the form of the Japanese titles a licensee loads (catalog,ref,title_ja). The few
  titles here are written for this example, not quoted from a JIS text.
"""
import csv
import datetime
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write_cp932(name, rows):
    """As Japanese Excel saves "CSV (comma delimited)": Shift_JIS (Windows-31J), CRLF."""
    text = io.StringIO()
    csv.writer(text, lineterminator='\r\n').writerows(rows)
    with open(os.path.join(HERE, name), 'wb') as out:
        out.write(text.getvalue().encode('cp932'))


def write_utf8(name, rows):
    with open(os.path.join(HERE, name), 'w', newline='', encoding='utf-8') as out:
        csv.writer(out, lineterminator='\n').writerows(rows)


def statement_of_applicability(path):
    from openpyxl import Workbook
    book = Workbook()
    cover = book.active
    cover.title = '表紙'
    for cell, text in (('B2', '情報セキュリティ 適用宣言書'), ('B4', '株式会社サンプル商事'),
                       ('B5', '文書番号 ISMS-SOA-01'), ('B6', '機密区分 社外秘')):
        cover[cell] = text
    history = book.create_sheet('改訂履歴')
    for row in (('版', '改訂日', '改訂内容', '承認者'), ('1.0', '令和5年4月1日', '制定', '高橋'),
                ('2.0', 'R6.4.1', '2022年版への移行', '高橋')):
        history.append(row)
    soa = book.create_sheet('適用宣言書')
    soa.append(('管理策番号', '管理策名', '適用可否', '実施状況', '最終見直し日', '備考'))
    reviewed = datetime.date(2024, 6, 13)
    for row in (
            ('５．２４', '情報セキュリティインシデント管理の計画及び準備', '○', '完了', reviewed, ''),
            ('A５.２５', '情報セキュリティ事象の評価及び決定', '○', '対応済', '令和6年6月13日', ''),
            ('5.26', '情報セキュリティインシデントへの対応', '○', '一部実施', 'R6.4.1', '手順書改訂中'),
            ('Ａ.8.32', '変更管理', '○', '完了', reviewed, ''),
            ('A.5.30', '事業継続のためのICTの備え', '○', '計画中', '2024/6/13', ''),
            ('A.7.5', '物理的及び環境的脅威からの保護', '×', '対象外', reviewed, '賃貸オフィスのため')):
        soa.append(row)
    for cell in soa['E'][1:]:
        if isinstance(cell.value, datetime.date):
            cell.number_format = 'yyyy/m/d'
    book.save(path)


statement_of_applicability(os.path.join(HERE, 'soa.xlsx'))

write_cp932('audit-findings.csv', [
    ['指摘番号', '監査名', '監査実施日', '対象規格', '該当条項', '指摘区分', '指摘内容', '状況',
     '被監査部署', '処置期限', '確認者'],
    ['IA-2024-01', '2024年度内部監査', '令和6年6月10日', 'ISMS', '6.1.2', '軽微な不適合',
     'リスクアセスメントの記録が一部の部署にない', '対応中', '情報システム部', 'R6.7.31', '伊藤'],
    ['IA-2024-02', '2024年度内部監査', '令和6年6月10日', 'QMS', '8.5.1', '観察事項',
     '作業手順書の版管理が不十分', '完了', '業務部', 'R6.7.31', '伊藤'],
    ['IA-2024-03', '2024年度内部監査', '2024年6月11日', 'ITSMS', '8.5.1.2', '改善の機会',
     '変更の事後レビューの記録を残す', '未対応', '運用部', '2024年8月30日', '渡辺'],
    ['IA-2024-04', '2024年度内部監査', '2024年6月11日', 'ITSMS', '8.6.1', '軽微な不適合',
     'インシデントの優先度の決め方が文書化されていない', '対応中', '運用部', '2024/7/15', '渡辺'],
])

write_cp932('capa-log.csv', [
    ['管理番号', '発見日', '不適合内容', '該当要求事項', '原因', '是正処置', '是正期日', '状況',
     '担当部署'],
    ['CA-2024-01', '令和6年5月20日', '出荷前検査の記録の欠落', '8.6', '手順の周知不足',
     '手順書の改訂と教育', '令和6年6月30日', '完了', '品質保証部'],
    ['CA-2024-02', '令和6年6月2日', '校正期限切れの測定器の使用', '7.1.5', '管理台帳の更新漏れ',
     '台帳の月次確認', '令和6年7月31日', '対応中', '業務部'],
])

write_utf8('incidents.csv', [
    ['number', 'opened_at', 'short_description', 'priority', 'state', 'category',
     'assignment_group', 'resolved_at', 'closed_at', 'close_notes', 'business_service', 'made_sla'],
    ['INC0020001', '2024-10-01 08:00:00', '勤怠システムにログインできない', '2 - High', 'Closed',
     'software', '運用部', '2024-10-01 11:30:00', '2024-10-02 09:00:00', '認証サーバを再起動',
     '勤怠管理', 'true'],
    ['INC0020002', '2024-09-30 17:10:00', 'メールの送信が遅延する', '3 - Moderate', 'Closed',
     'network', '運用部', '2024-09-30 19:40:00', '2024-10-01 10:00:00', '中継サーバのキューを解消',
     '電子メール', 'true'],
    ['INC0020003', '2024-10-15 10:20:00', '共有フォルダに書き込めない', '4 - Low', 'Resolved',
     'hardware', 'サービスデスク', '2024-10-16 15:00:00', '', 'ディスク容量を拡張',
     'ファイル共有', 'false'],
])

write_utf8('titles-ja.csv', [
    ['catalog', 'ref', 'title_ja'],
    ['iso20000-1:2018', '8.5.1', '変更管理（例の題名）'],
    ['iso20000-1:2018', '8.6.1', 'インシデント管理（例の題名）'],
    ['iso20000-1:2018', '9.2', '内部監査（例の題名）'],
])

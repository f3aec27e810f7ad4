#!/usr/bin/env python3
"""Makes the onboarding fixtures: 力量表 (skill map) workbooks as small Japanese factories keep them in
Excel, bad inputs, and expected.json, which says what importing each one should give.

    python3 make_workbooks.py DIR [--check]    the fixtures into DIR (--check: read them back and compare)
    python3 make_workbooks.py --big PATH       the 300 people x 300 skills benchmark book, and PATH.json to seed
    python3 make_workbooks.py --big-junk PATH  a valid xlsx of more than 50 MB (size-limit test)

Deterministic: no clock and no unseeded randomness in the contents. expected.json's "company" is what
the test seeds first; its names have a full-width space (佐藤　太郎), the workbooks write them as typed.

1. merged-headers.xlsx [力量表]: title merged across row 1; 作成日 and a date in row 2; row 3 categories
   merged over their skills (旋盤 over 3, 測定 over 2), row 4 skills; columns No. and 氏名 (no 社員番号):
   佐藤太郎, 鈴木 花子 (ASCII space), 髙橋　一郎 (異体字 髙), 田中  健 (two spaces), 中村 優 (1008 or 1009:
   the test picks 1008), 小林 誠 (not in the company: unmatched, skipped). Marks ◎○△, blank = no
   evaluation; a blank row, then a 凡例 row merged across. 突っ切り is new (旋盤).
2. transposed.xlsx [技能マップ]: skills down, people across: column A the category merged down over
   its skills, column B the skill; row 2 names, row 3 フリガナ (one in half-width katakana), which
   tells the two 中村 優 apart. Levels are the numbers 1-4, no legend. 三次元測定 is new (測定).
3. stacked-departments.xlsx [力量表]: two tables one above the other, each under a department row
   (製造部, 品質保証部) with its own category and skill rows and columns 社員番号 (numbers), 氏名,
   フリガナ; three blank rows between. Marks ◎○△×, × = level 0 recorded; 凡例 row at the bottom.
   三次元測定 is new (測定).
4. hidden-and-notes.xlsx [力量評価]: one header row: 社員番号, 氏名, 旧評価 (hidden column C of old
   marks: ignore), catalogue skills, 備考 (free text, some with marks in it: ignore); 凡例 row.
5. sheet-per-department.xlsx: sheets 製造部 and 品質保証部 alike (社員番号 and 氏名 merged over the
   category and skill rows), a sheet 凡例 with a 記号|意味 table (★◎○△, － = 未経験 = level 0) and a
   sheet メモ with notes: ignore both. 突っ切り is new (旋盤).
6. numeric-no-legend.xlsx [Sheet1]: 社員番号, 氏名 and catalogue skills in one header row; levels 0-4
   as numbers, one as the text "3" and one as the full-width text "３"; no legend.
7. letters.xlsx [スキルマップ]: a title, a blank row, a header row of catalogue skills; marks A-D
   (one full-width: Ｃ) and the legend A：改善・標準化できる … D：指導を受けてできる.
Bad: no-table.xlsx (a memo, no table); protected.xlsx (as Excel writes a workbook with a password:
an OLE2 compound file of EncryptionInfo and EncryptedPackage); old-format.xls (OLE2, a BIFF8 stub).
"""
import argparse, base64, datetime, hashlib, io, json, pathlib, struct, unicodedata, zipfile
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
try:
    import olefile  # optional: only --check uses it, when it is there
except ImportError:
    olefile = None

PEOPLE = [("1001", "佐藤　太郎", "サトウ　タロウ", "製造部"), ("1002", "鈴木　花子", "スズキ　ハナコ", "製造部"),
          ("1003", "高橋　一郎", "タカハシ　イチロウ", "製造部"), ("1004", "田中　健", "タナカ　ケン", "製造部"),
          ("1005", "伊藤　美咲", "イトウ　ミサキ", "品質保証部"), ("1006", "渡辺　翔", "ワタナベ　ショウ", "品質保証部"),
          ("1007", "山本　大輔", "ヤマモト　ダイスケ", "品質保証部"), ("1008", "中村　優", "ナカムラ　ユウ", "製造部"),
          ("1009", "中村　優", "ナカムラ　マサル", "品質保証部")]
SKILLS = [("旋盤", "外径加工"), ("旋盤", "内径加工"), ("旋盤", "ねじ切り"),
          ("測定", "ノギス測定"), ("測定", "マイクロメータ測定"), ("溶接", "TIG溶接")]
SCALE = [(0, "未経験", "・"), (1, "指導を受けてできる", "△"), (2, "一人でできる", "○"),
         (3, "指導できる", "◎"), (4, "改善・標準化できる", "★")]
COMPANY = {"departments": ["製造部", "品質保証部"],
           "people": [dict(zip(("number", "name", "furigana", "department"), p)) for p in PEOPLE],
           "skills": [{"category": c, "name": n} for c, n in SKILLS],
           "scale": [{"level": l, "label": t, "symbol": s} for l, t, s in SCALE]}
WHO = {p[0]: p for p in PEOPLE}
MARKS = {"◎": 3, "○": 2, "△": 1}
DIGITS = {str(n): n for n in range(5)}

def norm(value):
    """How the check reads a cell: NFKC text without spaces ("３" -> "3", 4 -> "4")."""
    return "" if value is None else "".join(unicodedata.normalize("NFKC", str(value)).split())

def level_of(marks, value):
    """The level a cell's mark stands for, as written (－) or normalized (３ -> 3); None if no mark."""
    for key in (str(value).strip(), norm(value)):
        if key in marks:
            return marks[key]

def cells(row):
    """A row of marks written compactly: "◎○_△" (_ = blank cell, ASCII digits = numeric cells)."""
    if isinstance(row, list):
        return row
    return [None if c == "_" else int(c) if c in "0123456789" else c for c in row]

class Book:
    """One workbook and what importing it should give, recorded as the cells are written."""

    def __init__(self, file, marks, new_skills=(), unmatched=(), ambiguous=()):
        self.file, self.wb = file, Workbook()
        self.wb.remove(self.wb.active)
        self.wb.properties.created = self.wb.properties.modified = datetime.datetime(2025, 4, 1, 9)
        self.expected = {"evaluations": [], "newSkills": [{"category": c, "name": n} for c, n in new_skills],
                         "unmatched": list(unmatched), "ambiguous": list(ambiguous), "marks": marks}
        self.merged, self.hidden = [], []

    def merge(self, ws, ref, value, merge=True):
        ws[ref.split(":")[0]] = value
        if merge:
            ws.merge_cells(ref)
            self.merged.append(f"{ws.title}!{ref}")

    def mark(self, ws, row, col, value, number, skill):
        """Writes one mark; records its evaluation unless the cell is blank or the person unmatched."""
        ws.cell(row, col, value)
        if value is not None and number is not None:
            self.expected["evaluations"].append({"number": number, "skill": skill,
                                                 "level": level_of(self.expected["marks"], value),
                                                 "cell": f"{ws.title}!{get_column_letter(col)}{row}"})

    def people_rows(self, ws, first_row, first_skill_col, skills, rows):
        """rows: (number or None, [leading cells: No., 氏名, …], marks), one per person."""
        for r, (number, lead, marks) in enumerate(rows, start=first_row):
            for c, value in enumerate(lead, start=1):
                ws.cell(r, c, value)
            for c, (skill, value) in enumerate(zip(skills, cells(marks)), start=first_skill_col):
                self.mark(ws, r, c, value, number, skill)

    def header(self, ws, row, col, groups):
        """A category row merged over its skills, the skill names in the row below."""
        for category, skills in groups:
            end = col + len(skills) - 1
            self.merge(ws, f"{get_column_letter(col)}{row}:{get_column_letter(end)}{row}", category, end > col)
            for k, skill in enumerate(skills):
                ws.cell(row + 1, col + k, skill)
            col = end + 1
        return [s for _, skills in groups for s in skills]

def merged_headers():
    b = Book("merged-headers.xlsx", MARKS, [("旋盤", "突っ切り")], ["小林 誠"],
             [{"name": "中村 優", "candidates": ["1008", "1009"], "pick": "1008"}])
    ws = b.wb.create_sheet("力量表")
    b.merge(ws, "A1:G1", "2025年度 力量表（製造部）")
    ws["F2"], ws["G2"] = "作成日", datetime.date(2025, 4, 1)
    ws["G2"].number_format = "yyyy/m/d"
    b.merge(ws, "A3:A4", "No."), b.merge(ws, "B3:B4", "氏名")
    skills = b.header(ws, 3, 3, [("旋盤", ["外径加工", "内径加工", "突っ切り"]), ("測定", ["ノギス測定", "マイクロメータ測定"])])
    b.people_rows(ws, 5, 3, skills, [
        ("1001", [1, "佐藤太郎"], "◎◎○○△"), ("1002", [2, "鈴木 花子"], "○△_◎○"),
        ("1003", [3, "髙橋　一郎"], "△__○○"), ("1004", [4, "田中  健"], "○○△_△"),
        ("1008", [5, "中村 優"], "△__△_"), (None, [6, "小林 誠"], "○△_○_")])
    b.merge(ws, "A12:G12", "凡例：◎＝指導できる　○＝一人でできる　△＝指導を受けてできる　空欄＝未経験")
    return b

def transposed():
    b = Book("transposed.xlsx", {k: v for k, v in DIGITS.items() if v}, [("測定", "三次元測定")])
    ws = b.wb.create_sheet("技能マップ")
    b.merge(ws, "A1:G1", "力量表（品質保証部）2025年度")
    ws["A2"], ws["B2"], ws["B3"] = "分類", "氏名", "フリガナ"
    people = [("1005", "伊藤　美咲", "イトウ ミサキ"), ("1006", "渡辺 翔", "ワタナベ ショウ"),
              ("1007", "山本大輔", "ﾔﾏﾓﾄ ﾀﾞｲｽｹ"), ("1008", "中村 優", "ナカムラ ユウ"), ("1009", "中村 優", "ナカムラ マサル")]
    for c, (_, name, kana) in enumerate(people, start=3):
        ws.cell(2, c, name), ws.cell(3, c, kana)
    b.merge(ws, "A4:A6", "測定"), b.merge(ws, "A7", "溶接", merge=False)
    rows = [("ノギス測定", "43232"), ("マイクロメータ測定", "32_21"), ("三次元測定", "2_1_3"), ("TIG溶接", "_13__")]
    for r, (skill, marks) in enumerate(rows, start=4):
        ws.cell(r, 2, skill)
        for c, ((number, _, _), value) in enumerate(zip(people, cells(marks)), start=3):
            b.mark(ws, r, c, value, number, skill)
    return b

def stacked_departments():
    b = Book("stacked-departments.xlsx", {**MARKS, "×": 0}, [("測定", "三次元測定")])
    ws = b.wb.create_sheet("力量表")
    tables = [(1, "製造部", [("旋盤", ["外径加工", "内径加工", "ねじ切り"]), ("溶接", ["TIG溶接"])], [
                  ("1001", "◎○○×"), ("1002", "○△××"), ("1003", "○○△◎"), ("1004", "△××○"), ("1008", "○△××")]),
              (12, "品質保証部", [("測定", ["ノギス測定", "マイクロメータ測定", "三次元測定"])], [
                  ("1005", "◎◎○"), ("1006", "○△×"), ("1007", "○○△"), ("1009", "△×_")])]
    for top, department, groups, rows in tables:
        ws.cell(top, 1, department)
        for c, title in enumerate(["社員番号", "氏名", "フリガナ"], start=1):
            b.merge(ws, f"{get_column_letter(c)}{top + 1}:{get_column_letter(c)}{top + 2}", title)
        skills = b.header(ws, top + 1, 4, groups)
        b.people_rows(ws, top + 3, 4, skills, [(n, [int(n), WHO[n][1], WHO[n][2]], m) for n, m in rows])
    ws["A20"] = "凡例　◎:指導できる ○:一人でできる △:指導を受けてできる ×:未経験"
    return b

def hidden_and_notes():
    b = Book("hidden-and-notes.xlsx", MARKS)
    ws = b.wb.create_sheet("力量評価")
    skills = ["外径加工", "ねじ切り", "ノギス測定", "TIG溶接"]
    ws.append(["社員番号", "氏名", "旧評価", *skills, "備考"])
    ws.column_dimensions["C"].hidden = True
    b.hidden.append(f"{ws.title}!C")
    rows = [("1001", "佐藤　太郎", "○", "◎○◎△", "班長"), ("1002", "鈴木　花子", "△", "○_○_", "2024年10月 品証から異動"),
            ("1003", "高橋　一郎", "○", "○△_○", "TIG溶接は◎相当、次回見直し"), ("1005", "伊藤　美咲", "◎", "__◎_", "測定のみ担当"),
            ("1006", "渡辺　翔", None, "△_○_", None)]
    b.people_rows(ws, 2, 4, skills, [(n, [n, name, old], m) for n, name, old, m, _ in rows])
    for r, (*_, note) in enumerate(rows, start=2):
        ws.cell(r, 8, note)
    ws["A8"] = "凡例：◎＝指導できる　○＝一人でできる　△＝指導を受けてできる"
    return b

def sheet_per_department():
    b = Book("sheet-per-department.xlsx", {"★": 4, **MARKS, "－": 0}, [("旋盤", "突っ切り")])
    for department, groups, rows in [
            ("製造部", [("旋盤", ["外径加工", "内径加工", "ねじ切り", "突っ切り"]), ("溶接", ["TIG溶接"])],
             [("1001", "★◎◎○△"), ("1002", "○○△－－"), ("1003", "◎○○△◎"), ("1004", "△△－_○"), ("1008", "○△－__")]),
            ("品質保証部", [("測定", ["ノギス測定", "マイクロメータ測定"])],
             [("1005", "★◎"), ("1006", "○△"), ("1007", "◎○"), ("1009", "△－")])]:
        ws = b.wb.create_sheet(department)
        b.merge(ws, "A1:A2", "社員番号"), b.merge(ws, "B1:B2", "氏名")
        skills = b.header(ws, 1, 3, groups)
        b.people_rows(ws, 3, 3, skills, [(n, [n, WHO[n][1]], m) for n, m in rows])
    for title, rows in [("凡例", [("記号", "意味"), ("★", "改善・標準化できる"), ("◎", "指導できる"),
                                  ("○", "一人でできる"), ("△", "指導を受けてできる"), ("－", "未経験")]),
                        ("メモ", [("2025年度 教育計画メモ",), ("・TIG溶接の外部講習 6月（2名）",),
                                  ("・三次元測定機 導入予定（秋）",), ("・○△の付け方を班長会で統一する",)])]:
        ws = b.wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    return b

def numeric_no_legend():
    b = Book("numeric-no-legend.xlsx", DIGITS)
    ws = b.wb.create_sheet("Sheet1")
    skills = [s for _, s in SKILLS]
    ws.append(["社員番号", "氏名", *skills])
    rows = [("1001", "433221"), ("1002", [2, 2, "3", 3, 2, 0]), ("1003", "32214_"),
            ("1004", [1, 1, 0, None, "３", 2]), ("1008", "21_01_")]
    b.people_rows(ws, 2, 3, skills, [(n, [int(n), WHO[n][1]], m) for n, m in rows])
    return b

def letters():
    b = Book("letters.xlsx", {"A": 4, "B": 3, "C": 2, "D": 1})
    ws = b.wb.create_sheet("スキルマップ")
    ws["A1"] = "技能評価表（2025年4月）"
    skills = ["外径加工", "ねじ切り", "マイクロメータ測定", "TIG溶接"]
    for c, title in enumerate(["社員番号", "氏名", *skills], start=1):
        ws.cell(3, c, title)
    rows = [("1001", "ABBC"), ("1003", "BCDB"), ("1005", "__A_"), ("1007", "C_BD"), ("1009", "D_Ｃ_")]
    b.people_rows(ws, 4, 3, skills, [(n, [n, WHO[n][1]], m) for n, m in rows])
    ws["A10"] = "A：改善・標準化できる　B：指導できる　C：一人でできる　D：指導を受けてできる"
    return b

def no_table(directory):
    wb = Workbook()
    for ref, text in [("A1", "各位"), ("A3", "力量表の提出について"), ("C9", "総務部　小林"), ("A7", "以上"),
                      ("A5", "来月末までに各部署の力量表を更新し、総務部まで提出してください。")]:
        wb.active[ref] = text
    wb.save(directory / "no-table.xlsx")


# --- OLE2 Compound File Binary (MS-CFB), version 3, just enough for the two bad inputs ---
MAGIC, FREE, END, FATSECT, NOSTREAM = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF

def cfb(streams):
    """Bytes of a compound file: sector 0 the FAT, sector 1 the directory, then each stream's
    sectors in a chain. Streams are >= 4096 bytes (the mini stream cutoff), so no mini FAT."""
    fat, data, starts = [FATSECT, END], b"", []
    for name, blob in streams:
        assert len(blob) >= 4096, name
        sectors = -(-len(blob) // 512)
        starts.append(len(fat))
        fat += list(range(len(fat) + 1, len(fat) + sectors)) + [END]
        data += blob.ljust(sectors * 512, b"\0")
    assert len(fat) <= 128 and len(streams) <= 3  # one FAT sector, one directory sector
    # The root's children are a red-black tree keyed by (name length, upper-cased name): with at
    # most three, the middle one is the black root and the others its red left and right children.
    ids = [k + 1 for k in sorted(range(len(streams)), key=lambda k: (len(streams[k][0]), streams[k][0].upper()))]
    top, padded = ids[len(ids) // 2], ids + [NOSTREAM] * 2

    def entry(name, kind, black, left, right, child, start, size):
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return struct.pack("<64sHBBIII16sIQQIQ", raw, len(raw), kind, black, left, right, child, b"", 0, 0, 0, start, size)
    directory = entry("Root Entry", 5, 1, NOSTREAM, NOSTREAM, top, END, 0)
    for sid, (name, blob) in enumerate(streams, start=1):
        left, right = (padded[0] if len(ids) > 1 else NOSTREAM, padded[2]) if sid == top else (NOSTREAM, NOSTREAM)
        directory += entry(name, 2, int(sid == top), left, right, NOSTREAM, starts[sid - 1], len(blob))
    directory += entry("", 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0) * (3 - len(streams))  # unused entries
    header = struct.pack("<8s16sHHHHH6s9I", MAGIC, b"", 0x3E, 3, 0xFFFE, 9, 6, b"", 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<109I", 0, *[FREE] * 108)
    return header + struct.pack("<128I", *fat, *[FREE] * (128 - len(fat))) + directory + data

def read_cfb(path):
    """{stream name: bytes} of a file cfb() wrote (one FAT sector, one directory sector)."""
    b, streams = pathlib.Path(path).read_bytes(), {}
    assert b[:8] == MAGIC and len(b) % 512 == 0
    sector = lambda s: b[512 + 512 * s: 1024 + 512 * s]
    word = lambda offset: struct.unpack_from("<I", b, offset)[0]
    fat, directory = struct.unpack("<128I", sector(word(76))), sector(word(48))  # first FAT, first directory sector
    for k in range(4):
        e = directory[128 * k: 128 * k + 128]
        length, kind = struct.unpack_from("<HB", e, 64)
        if kind == 2:
            s, size = struct.unpack_from("<IQ", e, 116)
            blob = b""
            while s != END:
                blob, s = blob + sector(s), fat[s]
            streams[e[:length - 2].decode("utf-16-le")] = blob[:size]
    return streams

def protected(directory):
    salt = lambda tag: base64.b64encode(hashlib.shake_256(tag).digest(16)).decode()
    ns = "http://schemas.microsoft.com/office/2006/"
    cipher = 'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC"'
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="{ns}encryption" '
           f'xmlns:p="{ns}keyEncryptor/password"><keyData saltSize="16" {cipher} hashAlgorithm="SHA512" '
           f'saltValue="{salt(b"key")}"/><keyEncryptors><keyEncryptor uri="{ns}keyEncryptor/password">'
           f'<p:encryptedKey spinCount="100000" saltSize="16" {cipher} hashAlgorithm="SHA512" '
           f'saltValue="{salt(b"password")}"/></keyEncryptor></keyEncryptors></encryption>')
    info = (struct.pack("<HHI", 4, 4, 0x40) + xml.encode()).ljust(4096, b" ")  # agile encryption, version 4.4
    package = struct.pack("<Q", 6000) + hashlib.shake_256(b"densho EncryptedPackage").digest(8192)
    (directory / "protected.xlsx").write_bytes(cfb([("EncryptionInfo", info), ("EncryptedPackage", package)]))

def old_format(directory):
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x41, 0x06)  # BIFF8 globals
    (directory / "old-format.xls").write_bytes(cfb([("Workbook", (bof + struct.pack("<HH", 0x0A, 0)).ljust(4096, b"\0"))]))

def big(path):
    """300 people x 300 skills laid out like merged-headers.xlsx; PATH.json holds what to seed."""
    kana = "ゼロ イチ ニ サン ヨン ゴ ロク ナナ ハチ キュウ".split()
    people = [{"number": str(2000 + i), "name": f"社員{i:03d}", "department": "製造部",
               "furigana": "シャイン　" + "".join(kana[int(d)] for d in f"{i:03d}")} for i in range(1, 301)]
    groups = [(f"分類{g:02d}", [f"技能{j:03d}" for j in range(10 * g - 9, 10 * g + 1)]) for g in range(1, 31)]
    b = Book(path, MARKS)
    ws = b.wb.create_sheet("力量表")
    b.merge(ws, "A1:KQ1", "2025年度 力量表（全社）"), b.merge(ws, "D2", "作成日 2025/4/1", merge=False)
    b.merge(ws, "A3:A4", "No."), b.merge(ws, "B3:B4", "氏名"), b.merge(ws, "C3:C4", "フリガナ")
    skills = b.header(ws, 3, 4, groups)
    b.people_rows(ws, 5, 4, skills, [(p["number"], [i + 1, p["name"], p["furigana"]],
                                      [[None, "△", "○", "◎"][(i * 7 + j * 3 + i * j % 5) % 4] for j in range(300)])
                                     for i, p in enumerate(people)])
    ws["A306"] = "凡例：◎＝指導できる　○＝一人でできる　△＝指導を受けてできる　空欄＝未経験"
    b.wb.save(path)
    company = {**COMPANY, "departments": ["製造部"], "people": people,
               "skills": [{"category": c, "name": n} for c, names in groups for n in names]}
    evaluations = b.expected["evaluations"]
    seed = {"company": company, "sheet": "力量表", "marks": MARKS, "evaluationCount": len(evaluations),
            "levelSum": sum(e["level"] for e in evaluations)}
    pathlib.Path(f"{path}.json").write_text(json.dumps(seed, ensure_ascii=False, indent=1) + "\n")

def big_junk(path, size=52 * 1024 * 1024):
    """A valid xlsx over 50 MB: a one-cell workbook plus a stored, incompressible xl/media/junk.bin part."""
    wb, small = Workbook(), io.BytesIO()
    wb.active["A1"] = "大容量テスト"
    wb.save(small)
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                assert b"<Default " in data
                data = data.replace(b"<Default ", b'<Default Extension="bin" ContentType="application/octet-stream"/><Default ', 1)
            out.writestr(item.filename, data)
        out.writestr("xl/media/junk.bin", hashlib.shake_256(b"densho big junk").digest(size), zipfile.ZIP_STORED)

def check(directory, books):
    """Reads everything back: each expected evaluation is the mark in its cell, and every mark-like
    cell on those sheets (outside hidden columns and unmatched people's rows) is expected; merged
    ranges and hidden columns survived; the compound files hold the right streams."""
    expected = json.loads((directory / "expected.json").read_text())
    for book in books:
        layout, wb = expected["layouts"][book.file], load_workbook(directory / book.file)
        want = {e["cell"]: e["level"] for e in layout["evaluations"]}
        known = {s for _, s in SKILLS} | {s["name"] for s in layout["newSkills"]}
        assert all(e["number"] in WHO and e["skill"] in known for e in layout["evaluations"]), book.file
        skip = {norm(n) for n in layout["unmatched"]}
        found, merged, hidden = {}, [], []
        for ws in wb.worksheets:
            merged += [f"{ws.title}!{r.coord}" for r in ws.merged_cells.ranges]
            cols = {get_column_letter(c) for d in ws.column_dimensions.values() if d.hidden for c in range(d.min, d.max + 1)}
            hidden += [f"{ws.title}!{c}" for c in sorted(cols)]
            if not any(cell.startswith(ws.title + "!") for cell in want):
                continue
            for row in ws.iter_rows():
                if not any(norm(c.value) in skip for c in row):
                    found.update({f"{ws.title}!{c.coordinate}": level_of(layout["marks"], c.value) for c in row
                                  if get_column_letter(c.column) not in cols and level_of(layout["marks"], c.value) is not None})
        assert found == want, (book.file, set(found.items()) ^ set(want.items()))
        assert sorted(merged) == sorted(book.merged) and hidden == book.hidden, (book.file, merged, hidden)
        print(f"ok {book.file}: {len(want)} evaluations, {len(merged)} merged ranges, hidden {hidden or 'none'}")
    assert not load_workbook(directory / "no-table.xlsx").active.merged_cells.ranges
    for file, names in [("protected.xlsx", {"EncryptionInfo", "EncryptedPackage"}), ("old-format.xls", {"Workbook"})]:
        streams = read_cfb(directory / file)
        assert set(streams) == names and all(len(s) >= 4096 for s in streams.values()), file
        if olefile:  # optional second opinion
            with olefile.OleFileIO(str(directory / file)) as ole:
                assert {"/".join(e): ole.openstream(e).read() for e in ole.listdir()} == streams
        print(f"ok {file}: streams {sorted(streams)}" + (", olefile agrees" if olefile else ""))

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", type=pathlib.Path, help="where to write the fixtures and expected.json")
    parser.add_argument("--check", action="store_true", help="read the fixtures back and compare with expected.json")
    parser.add_argument("--big", metavar="PATH", help="write the 300 x 300 benchmark workbook and PATH.json")
    parser.add_argument("--big-junk", metavar="PATH", help="write a valid xlsx of more than 50 MB")
    args = parser.parse_args()
    if not (args.directory or args.big or args.big_junk):
        parser.error("nothing to do: give DIR, --big or --big-junk")
    if args.directory:
        args.directory.mkdir(parents=True, exist_ok=True)
        books = [make() for make in (merged_headers, transposed, stacked_departments, hidden_and_notes,
                                     sheet_per_department, numeric_no_legend, letters)]
        for book in books:
            book.wb.save(args.directory / book.file)
        no_table(args.directory), protected(args.directory), old_format(args.directory)
        expected = {"company": COMPANY, "layouts": {b.file: b.expected for b in books},
                    "bad": {"no-table.xlsx": "no-table", "protected.xlsx": "password", "old-format.xls": "xls"}}
        (args.directory / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
        if args.check:
            check(args.directory, books)
    if args.big:
        big(args.big)
    if args.big_junk:
        big_junk(args.big_junk)

if __name__ == "__main__":
    main()

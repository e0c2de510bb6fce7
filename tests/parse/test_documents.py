"""Reading attachments: real files of each format, written here, read back piece by piece."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from govinspect.parse.documents import (
    DocumentBudgetExceeded,
    DocumentUnreadable,
    ReadBudget,
    TextChunk,
    detect_format,
    read_document,
)

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
ROW = "张三 | 11010519491231002X | 6222021234567890128"


def chinese_pdf(pages: int, lines: int = 3, text: Sequence[str] = ()) -> bytes:
    """A PDF drawn with a CJK CID font (STSong-Light, UniGB-UCS2-H): its text maps to Unicode.

    Each page has ``lines`` lines of a 补贴发放名单, or the lines of ``text`` when given."""
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab writes the test PDFs")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    canvas = canvas_module.Canvas(buffer)
    for page in range(pages):
        canvas.setFont("STSong-Light", 9)
        shown = text or [f"第{page + 1}页 补贴发放名单 李娜 身份证号 11010519491231002X"] * lines
        for line, words in enumerate(shown):
            canvas.drawString(30, 800 - line * 13, words)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def identity_h_pdf(text: str) -> bytes:
    """A one-page PDF whose Type0 font (Identity-H) maps glyph ids to Unicode by a ToUnicode CMap."""
    chars = sorted(set(text))
    cid = {char: index + 1 for index, char in enumerate(chars)}
    shown = "".join(f"{cid[char]:04X}" for char in text)
    bfchar = "\n".join(f"<{cid[char]:04X}> <{ord(char):04X}>" for char in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchar}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    content = f"BT /F1 12 Tf 50 700 Td <{shown}> Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def word97(text: str) -> bytes:
    """A Word 97 file (OLE compound file) holding ``text`` as one UTF-16 piece."""
    encoded = text.encode("utf-16-le")
    fib = bytearray(1024)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 10, 0x0200)  # fWhichTblStm: the table stream is 1Table
    struct.pack_into("<H", fib, 32, 14)  # csw
    struct.pack_into("<H", fib, 62, 22)  # cslw
    struct.pack_into("<H", fib, 152, 93)  # cbRgFcLcb
    text_offset = 1024
    clx = (
        b"\x02"
        + struct.pack("<I", 16)
        + struct.pack("<II", 0, len(text))
        + struct.pack("<HIH", 0, text_offset, 0)
    )
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))
    return compound_file({"WordDocument": bytes(fib) + encoded, "1Table": clx})


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3) holding the streams, each padded to 4096 bytes or more
    (so that none goes to the mini stream) in a chain of 512-byte sectors."""
    sector = 512
    padded = {
        name: data.ljust(max(4096, -(-len(data) // sector) * sector), b"\x00")
        for name, data in streams.items()
    }
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # the FAT itself, the directory
    starts = {}
    for name, data in padded.items():
        count = len(data) // sector
        starts[name] = len(fat)
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(0xFFFFFFFE)
    assert len(fat) <= 128
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 72, 0)  # no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for index in range(1, 109):
        struct.pack_into("<I", header, 76 + index * 4, 0xFFFFFFFF)
    names = list(padded)

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, 0xFFFFFFFF, right, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = entry("Root Entry", 5, 1, 0xFFFFFFFF, 0xFFFFFFFE, 0)
    for position, name in enumerate(names, start=1):
        right = position + 1 if position < len(names) else 0xFFFFFFFF
        directory += entry(name, 2, 0xFFFFFFFF, right, starts[name], len(padded[name]))
    directory += b"\x00" * (sector - len(directory))
    fat_sector = struct.pack("<128I", *fat)
    return bytes(header) + fat_sector + directory + b"".join(padded.values())


def docx(paragraphs: list[str], rows: list[list[str]]) -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    cells = "".join(
        "<w:tr>"
        + "".join(f"<w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc>" for cell in row)
        + "</w:tr>"
        for row in rows
    )
    xml = f"<w:document {w}><w:body>{body}<w:tbl>{cells}</w:tbl></w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def xlsx(rows: Sequence[Sequence[object]], sheet: str = "名单") -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_pdf_chinese_text_is_read_page_by_page() -> None:
    body = chinese_pdf(3)
    assert detect_format(body) == "pdf"
    chunks = list(read_document(body, url="http://x.gov.cn/a.pdf"))
    assert [chunk.location for chunk in chunks] == ["第1页", "第2页", "第3页"]
    assert "补贴发放名单 李娜 身份证号 11010519491231002X" in chunks[1].text
    assert "第2页" in chunks[1].text


def test_pdf_numbers_wrapped_in_a_narrow_cell_are_joined_and_rows_stay_apart() -> None:
    lines = [
        "李娜 11010519491231",
        "002X",
        "手机 1381234",
        "5678",
        "王秀英 13912345678",
        "2 张伟 13700001111",
    ]
    text = next(read_document(chinese_pdf(1, text=lines))).text
    assert "11010519491231002X" in text and "13812345678" in text
    assert "13912345678\n2 张伟" in text


def test_pdf_with_an_identity_h_font_is_read_through_its_tounicode_map() -> None:
    body = identity_h_pdf("疫情通报：确诊病例王秀英，女，38岁")
    assert [chunk.text for chunk in read_document(body)] == ["疫情通报：确诊病例王秀英，女，38岁"]


def test_docx_paragraphs_and_table_rows_with_their_header() -> None:
    body = docx(
        ["关于发放补贴的公示", "现将名单公示如下："], [["姓名", "身份证号", "银行卡号"], ROW.split(" | ")]
    )
    assert detect_format(body) == "docx"
    chunks = list(read_document(body))
    assert chunks == [
        TextChunk("关于发放补贴的公示", "第1段"),
        TextChunk("现将名单公示如下：", "第2段"),
        TextChunk("姓名 | 身份证号 | 银行卡号", "表1第1行", header="姓名 | 身份证号 | 银行卡号"),
        TextChunk(ROW, "表1第2行", header="姓名 | 身份证号 | 银行卡号"),
    ]


def test_xlsx_rows_keep_long_numbers_and_name_the_sheet() -> None:
    body = xlsx(
        [["姓名", "身份证号", "卡号", "金额"], ["张三", "11010519491231002X", 6222021234567890, 1200.0]]
    )
    assert detect_format(body, "http://x.gov.cn/download?id=3") == "xlsx"
    chunks = list(read_document(body))
    assert chunks[1] == TextChunk(
        "张三 | 11010519491231002X | 6222021234567890 | 1200",
        "「名单」表第2行",
        header="姓名 | 身份证号 | 卡号 | 金额",
    )


@pytest.mark.skipif(not CORPORA.exists(), reason=f"real workbooks are read from {CORPORA}")
def test_real_workbooks_read_as_openpyxl_reads_them() -> None:
    for path in sorted((CORPORA / "cn-gov-site-lists").glob("*.xlsx")):
        body = path.read_bytes()
        workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
        expected = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = ["" if value is None else str(value).strip() for value in row]
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    expected.append(" | ".join(cells))
        workbook.close()
        assert [chunk.text for chunk in read_document(body)] == expected


def test_a_workbook_with_a_broken_sheet_names_the_sheet() -> None:
    good = zipfile.ZipFile(io.BytesIO(payroll(3)))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        for name in good.namelist():
            data = good.read(name)
            archive.writestr(name, data[: len(data) // 2] if name.endswith("sheet1.xml") else data)
    with pytest.raises(DocumentUnreadable) as raised:
        list(read_document(broken.getvalue()))
    assert raised.value.reason_zh == "Excel 工作表「名单」已损坏，无法读取"


def test_legacy_xls_is_read() -> None:
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the test XLS")
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("名单")
    for row, values in enumerate((["姓名", "手机"], ["王秀英", "13812345678"])):
        for column, value in enumerate(values):
            sheet.write(row, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    body = buffer.getvalue()
    assert detect_format(body) == "xls"
    assert [chunk.text for chunk in read_document(body)] == ["姓名 | 手机", "王秀英 | 13812345678"]


def test_legacy_doc_paragraphs_table_rows_and_field_results() -> None:
    text = (
        '关于补贴发放的公示\r\x13 HYPERLINK "http://x.gov.cn/" \x14点此查看\x15\r'
        "姓名\x07身份证号\x07\x07李娜\x0711010519491231002X\x07\x07\r联系电话：13900001111\r"
    )
    body = word97(text)
    assert detect_format(body, "http://x.gov.cn/download.jsp?id=1") == "doc"
    assert list(read_document(body)) == [
        TextChunk("关于补贴发放的公示", "第1段"),
        TextChunk("点此查看", "第2段"),
        TextChunk("姓名 | 身份证号", "表1第1行", header="姓名 | 身份证号"),
        TextChunk("李娜 | 11010519491231002X", "表1第2行", header="姓名 | 身份证号"),
        TextChunk("联系电话：13900001111", "第3段"),
    ]


@pytest.mark.skipif(not CORPORA.exists(), reason=f"the Word 97 file is read from {CORPORA}")
def test_legacy_doc_text_comes_from_the_piece_table() -> None:
    body = (CORPORA / "linkchecker-fixtures" / "data" / "file.doc").read_bytes()
    assert detect_format(body) == "doc"
    assert [chunk.text for chunk in read_document(body)] == ["Example.org"]  # a hyperlink's shown text


def test_csv_in_gbk_is_read_as_rows() -> None:
    body = "姓名,手机\n李娜,13812345678\n".encode("gb18030")
    chunks = list(read_document(body, url="http://x.gov.cn/list.csv"))
    assert chunks[1] == TextChunk("李娜 | 13812345678", "「CSV」表第2行", header="姓名 | 手机")


@pytest.mark.parametrize(
    ("body", "url"),
    [
        (b"%PDF-1.4\n1 0 obj <<>> garbage", "http://x.gov.cn/a.pdf"),
        (b"PK\x03\x04" + b"\x00" * 200, "http://x.gov.cn/a.xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "http://x.gov.cn/a.doc"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "http://x.gov.cn/photo"),
    ],
)
def test_corrupt_or_unknown_files_raise_with_a_reason(body: bytes, url: str) -> None:
    with pytest.raises(DocumentUnreadable) as raised:
        list(read_document(body, url=url))
    assert raised.value.reason_zh and raised.value.reason_en


def test_an_encrypted_pdf_is_read_with_the_empty_password_or_said_to_be_encrypted() -> None:
    from pypdf import PdfReader, PdfWriter

    def encrypted(user_password: str) -> bytes:
        writer = PdfWriter()
        writer.append_pages_from_reader(PdfReader(io.BytesIO(chinese_pdf(1))))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    assert "李娜 身份证号" in next(read_document(encrypted(""))).text  # locked against editing only
    with pytest.raises(DocumentUnreadable) as raised:
        list(read_document(encrypted("secret")))
    assert raised.value.reason_zh == "PDF 文件已加密，无法读取"


def test_a_docx_with_broken_xml_is_unreadable() -> None:
    body = docx(["正常段落"], [["a"]])
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>unclosed")
    with pytest.raises(DocumentUnreadable, match="DOCX"):
        list(read_document(broken.getvalue()))
    assert list(read_document(body))  # the same writer's good file reads


def test_the_budget_stops_reading_after_the_pieces_read_so_far() -> None:
    body = xlsx([["姓名", "手机"]] + [["李娜", "13812345678"]] * 10)
    chunks: list[TextChunk] = []
    with pytest.raises(DocumentBudgetExceeded) as raised:
        for chunk in read_document(body, budget=ReadBudget(max_chars=40)):
            chunks.append(chunk)
    assert len(chunks) == 4 and raised.value.read_up_to == "「名单」表第4行"  # 7 + 16 + 16 + 16 > 40


def test_the_time_budget_stops_a_slow_document() -> None:
    body = chinese_pdf(3)
    with pytest.raises(DocumentBudgetExceeded, match="longer than") as raised:
        list(read_document(body, budget=ReadBudget(max_seconds=0)))
    assert raised.value.read_up_to == "第1页" and "秒" in raised.value.reason_zh


def payroll(rows: int) -> bytes:
    """A 补贴发放表 workbook laid out as Excel writes one: every name, ID and card differs and
    sits in the shared-string table (three strings a row), the sheet refers to them by index."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    strings = ["序号", "姓名", "身份证号", "银行卡号"]
    sheet_rows = ['<row r="1">' + "".join(f'<c t="s"><v>{i}</v></c>' for i in range(4)) + "</row>"]
    for n in range(rows):
        first = len(strings)
        strings += [f"张{n}", f"110105{n:012d}", f"6222{n:015d}"]
        cells = "".join(f'<c t="s"><v>{first + i}</v></c>' for i in range(3))
        sheet_rows.append(f'<row r="{n + 2}"><c><v>{n}</v></c>{cells}</row>')
    shared = "".join(f"<si><t>{text}</t></si>" for text in strings)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook {ns} xmlns:r="{rel}">'
            '<sheets><sheet name="名单" sheetId="1" r:id="r1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="r2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        archive.writestr("xl/sharedStrings.xml", f'<sst {ns} count="{len(strings)}">{shared}</sst>')
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {ns}><sheetData>{''.join(sheet_rows)}</sheetData></worksheet>",
        )
    return buffer.getvalue()


def _peak_while_reading(body: bytes) -> tuple[int, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        count = sum(1 for _ in read_document(body, budget=ReadBudget(max_seconds=900)))  # tracing is slow
        return count, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_a_200_page_pdf_is_read_in_bounded_memory() -> None:
    body = chinese_pdf(200, lines=20)
    pages, _, peak = _peak_while_reading(body)
    assert pages == 200
    assert peak < 24 * 2**20, f"peak {peak / 2**20:.1f} MiB"


@pytest.mark.slow
def test_a_50000_row_xlsx_is_read_in_bounded_memory() -> None:
    body = payroll(50_000)
    rows, _, peak = _peak_while_reading(body)
    assert rows == 50_001
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB"


if __name__ == "__main__":  # the measurements of docs/privacy.md
    samples = {
        "200-page PDF (60 lines a page)": chinese_pdf(200, lines=60),
        "50,000-row XLSX, 150,000 shared strings": payroll(50_000),
        "200,000-row XLSX, 600,000 shared strings": payroll(200_000),
    }
    for label, sample in samples.items():
        started = time.perf_counter()
        pieces = sum(1 for _ in read_document(sample, budget=ReadBudget(max_seconds=900)))
        seconds = time.perf_counter() - started
        peak = _peak_while_reading(sample)[2]
        print(
            f"{label}: {len(sample) / 2**20:.2f} MiB, {pieces} pieces, {seconds:.1f} s, "
            f"traced peak {peak / 2**20:.1f} MiB"
        )

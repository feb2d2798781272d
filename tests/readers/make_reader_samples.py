"""Regenerate the small sample files in tests/readers/data/.

Run from the repository root with a Python that has fpdf2, cryptography (for
the encrypted PDF) and python-docx. fpdf2 is not a project dependency: install
it in a throwaway virtual environment, e.g. ``python -m venv /tmp/gen &&
/tmp/gen/bin/pip install fpdf2 cryptography python-docx``. The texts are written for these tests; the files are committed
so the tests never need fpdf2.
"""
from __future__ import annotations

import codecs
import datetime
import zlib
from pathlib import Path

DATA = Path(__file__).parent / "data"

RUSSIAN = (
    "Совет глав государств — членов Шанхайской организации сотрудничества "
    "провёл очередное заседание в Москве.\n\n"
    "Участники встречи обсудили вопросы безопасности, экономического "
    "сотрудничества и гуманитарных связей. Особое внимание уделено борьбе "
    "с терроризмом, сепаратизмом и экстремизмом.\n\n"
    "Главы делегаций подписали декларацию и одобрили план действий на "
    "следующий год. Следующее заседание состоится в Душанбе.\n"
)

FRENCH = (
    "Déclaration des chefs d'État réunis à Moscou\n\n"
    "Les États membres réaffirment leur attachement aux buts et principes "
    "de la Charte des Nations Unies. Ils soulignent l'intérêt d'une coopération "
    "élargie dans les domaines économique, culturel et humanitaire.\n\n"
    "Le Conseil a été présidé par le Président de la Fédération de Russie. "
    "Les délégations ont salué les progrès réalisés depuis la réunion précédente "
    "et ont exprimé leur gratitude au pays hôte pour son accueil chaleureux.\n"
)

FRENCH_CP1252 = (
    "Lettre datée du 5 janvier 2021\n\n"
    "J’ai l’honneur de vous informer que l’Organisation a adopté une "
    "déclaration « sur la coopération » — dont le texte œcuménique figure "
    "en annexe. Le Représentant permanent prie le Secrétaire général de bien "
    "vouloir faire distribuer la présente lettre comme document de l’Assemblée.\n"
)

MIXED_UTF16 = (
    "Statement by the Secretary-General\n\n"
    "The Organisation welcomes the adoption of the declaration.\n\n"
    "上海合作组织成员国元首理事会会议在莫斯科举行。\n"
)

CHINESE = (
    "上海合作组织成员国元首理事会会议以视频方式举行。\n\n"
    "各成员国领导人就本组织发展现状和前景、在当前国际形势下深化合作等问题深入交换意见，达成广泛共识。\n"
)

MARKDOWN_WITH_FRONT_MATTER = """---
title: Press release on the Council of Foreign Ministers
date: 2020-09-10
speakers: [Vladimir Norov, Sergey Lavrov]
type: press release
source: SCO Secretariat
topics: security; economy
lang: en
url: https://example.org/news/2020-09-10
---

# Council of **Foreign Ministers** meets in Moscow

*2020 / 09 / 10*

The ministers discussed [regional security](https://example.org/security) and
the _economic_ agenda. ![logo](logo.png)

<!-- editorial note: check names -->

- Preparation of the summit
- Cooperation against **terrorism**

---

Source: <https://example.org/news/2020-09-10>
"""

MARKDOWN_BAD_FRONT_MATTER = """---
title: [unclosed
date: 2020-09-10
---

## A document whose front matter is broken

The body must still be read.
"""

SNIFFED_MARKDOWN = """

## **Communiqué of the Heads of Government Council**

*2019 / 11 / 02*

---

The heads of government met in Tashkent and reviewed **economic** cooperation.

They adopted a joint communiqué.

---

Source: <https://example.org/news/20191102.html>
"""

HTML_PAGE = """<!DOCTYPE html>
<html lang="ru-RU">
<head>
<meta charset="windows-1251">
<title>Заседание Совета министров | Новости ШОС</title>
<meta property="og:site_name" content="Секретариат ШОС">
<meta property="article:published_time" content="2020-11-18T17:07:00+03:00">
<link rel="canonical" href="https://example.org/ru/news/20201118/">
</head>
<body>
<nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
<article>
<h1>Заседание Совета министров иностранных дел</h1>
<p>Министры обсудили подготовку к саммиту и вопросы региональной безопасности.</p>
</article>
<footer>© Секретариат ШОС</footer>
</body>
</html>
"""

PDF_PARAGRAPHS = (
    (
        "The Council of Heads of State of the Shanghai Cooperation Organisation "
        "met in Moscow and reviewed the work done since the previous meeting.",
        "The member states agreed to strengthen cooperation on security, trade "
        "and culture, and to hold the next meeting in Dushanbe.",
    ),
    (
        "Annex: the declaration adopted by the Council is reproduced below in "
        "its original language. Les États membres réaffirment leur engagement.",
    ),
)


def _write_texts() -> None:
    (DATA / "russian_cp1251.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (DATA / "russian_koi8r.txt").write_bytes(RUSSIAN.replace("—", "-").encode("koi8_r"))
    (DATA / "russian_utf8.txt").write_bytes(RUSSIAN.encode("utf-8"))
    (DATA / "french_latin1.txt").write_bytes(FRENCH.encode("latin-1"))
    (DATA / "french_cp1252.txt").write_bytes(FRENCH_CP1252.encode("cp1252"))
    (DATA / "chinese_gb18030.txt").write_bytes(CHINESE.encode("gb18030"))
    (DATA / "mixed_utf16_bom.txt").write_bytes(codecs.BOM_UTF16_LE + MIXED_UTF16.encode("utf-16-le"))
    (DATA / "french_utf8_bom_crlf.txt").write_bytes(
        codecs.BOM_UTF8 + FRENCH.replace("\n", "\r\n").encode("utf-8")
    )
    (DATA / "press_release.md").write_text(MARKDOWN_WITH_FRONT_MATTER, encoding="utf-8")
    (DATA / "bad_front_matter.md").write_text(MARKDOWN_BAD_FRONT_MATTER, encoding="utf-8")
    (DATA / "communique_markdown.txt").write_text(SNIFFED_MARKDOWN, encoding="utf-8")
    (DATA / "news_cp1251.html").write_bytes(HTML_PAGE.encode("cp1251"))
    (DATA / "empty.txt").write_bytes(b"")
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + zlib.compress(bytes(range(256)) * 8)
    (DATA / "image_named.txt").write_bytes(png_like)


def _write_pdf() -> None:
    from fpdf import FPDF

    class Report(FPDF):
        def header(self):
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, "SCO/2020/7 - Council of Heads of State", align="C")
            self.ln(14)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    pdf = Report()
    pdf.set_title("Moscow meeting report")
    pdf.set_creation_date(datetime.datetime(2020, 11, 10, 12, 0))
    for page in PDF_PARAGRAPHS:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        for paragraph in page:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(8)
    pdf.output(str(DATA / "report.pdf"))
    whole = (DATA / "report.pdf").read_bytes()
    (DATA / "report_truncated.pdf").write_bytes(whole[: len(whole) * 2 // 3])
    locked = FPDF()  # needs a password to open
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.add_page()
    locked.set_font("Helvetica", size=12)
    locked.cell(0, 10, "Confidential text")
    locked.output(str(DATA / "encrypted.pdf"))
    scan = FPDF()  # a page with drawings but no text layer, like a scan
    scan.add_page()
    scan.rect(20, 20, 100, 60, style="F")
    scan.output(str(DATA / "drawing_only.pdf"))


def _write_docx() -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Memorandum on cultural cooperation"
    document.core_properties.created = datetime.datetime(2019, 6, 14, 9, 30)
    document.add_heading("Memorandum on cultural cooperation", level=0)
    document.add_paragraph("The parties agree to develop cooperation in culture and the arts.")
    document.add_heading("Areas of cooperation", level=1)
    document.add_paragraph("Exchanges of exhibitions", style="List Bullet")
    document.add_paragraph("Joint festivals", style="List Bullet")
    document.add_heading("Final provisions", level=2)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Signed in Bishkek"
    table.rows[0].cells[1].text = "14 June 2019"
    document.add_paragraph("This memorandum enters into force on signature.")
    document.save(str(DATA / "memorandum.docx"))
    whole = (DATA / "memorandum.docx").read_bytes()
    (DATA / "memorandum_broken.docx").write_bytes(whole[: len(whole) // 2])


if __name__ == "__main__":
    DATA.mkdir(exist_ok=True)
    _write_texts()
    _write_pdf()
    _write_docx()

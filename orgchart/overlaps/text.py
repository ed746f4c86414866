"""Vietnamese text pipeline for mandate statements (RULES.md §5).

statement → normalise (NFC, one tone placement, lower case, abbreviations, renamed sectors)
          → clauses (split at `;`, `:`, item markers `1.`, `a)`, `đ)`, `4.1`, `-`)
          → drop boilerplate clauses (BOILERPLATE_CLAUSES: what every agency carries)
          → cut scope exclusions ("trừ …", "(trừ …)", "không bao gồm …") out of each clause and
            keep them as negative evidence; note scope qualifiers ("trong khu vực doanh nghiệp")
          → strip generic administrative phrases (GENERIC_PHRASES) and organisation names
          → syllable uni- and bi-grams of the content syllables (no word segmentation).

Every list here is a rule about the language of Vietnamese mandates, never about one data set.
Boilerplate that these lists miss is caught by document frequency across agencies in
`orgchart.overlaps.index` (a term most agencies carry is not evidence of overlap).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --- normalisation -------------------------------------------------------------------------

_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}


def _old_style_table() -> dict[str, str]:
    """"oà/oá/…", "uỷ/uý/…", "oè/…" (tone on the 2nd vowel of an open oa/oe/uy syllable) →
    tone on the 1st vowel ("hòa", "thủy", "khỏe"), the spelling of most current documents."""
    table = {}
    for v1, v2 in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONES:
            new_style = v1 + unicodedata.normalize("NFC", v2 + mark)
            old_style = unicodedata.normalize("NFC", v1 + mark) + v2
            table[new_style] = old_style
    return table


_TONE_TABLE = _old_style_table()
_TONE_RE = re.compile(r"(?<![qg])[ou][àáảãạèéẻẽẹỳýỷỹỵ](?![a-zà-ỹđ])")

# Abbreviations used in mandate texts (case-sensitive, whole tokens).
ABBREVIATIONS: dict[str, str] = {
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "TTHC": "thủ tục hành chính",
    "CCHC": "cải cách hành chính",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "CBCC": "cán bộ, công chức",
    "VSATTP": "an toàn thực phẩm",
    "ATVSTP": "an toàn thực phẩm",
    "ATTP": "an toàn thực phẩm",
    "NN&PTNT": "nông nghiệp và phát triển nông thôn",
    "NNPTNT": "nông nghiệp và phát triển nông thôn",
    "NN&MT": "nông nghiệp và môi trường",
    "TN&MT": "tài nguyên và môi trường",
    "TNMT": "tài nguyên và môi trường",
    "LĐTBXH": "lao động, thương binh và xã hội",
    "LĐ-TB&XH": "lao động, thương binh và xã hội",
    "GD&ĐT": "giáo dục và đào tạo",
    "GDĐT": "giáo dục và đào tạo",
    "GDNN": "giáo dục nghề nghiệp",
    "TT&TT": "thông tin và truyền thông",
    "TTTT": "thông tin và truyền thông",
    "KH&CN": "khoa học và công nghệ",
    "KHCN": "khoa học và công nghệ",
    "KH&ĐT": "kế hoạch và đầu tư",
    "VHTTDL": "văn hóa, thể thao và du lịch",
    "VH,TT&DL": "văn hóa, thể thao và du lịch",
    "GTVT": "giao thông vận tải",
    "CNTT": "công nghệ thông tin",
    "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế",
    "QLNN": "quản lý nhà nước",
    "VBQPPL": "văn bản quy phạm pháp luật",
    "QPPL": "quy phạm pháp luật",
    "PCTN": "phòng, chống tham nhũng",
    "KT-XH": "kinh tế - xã hội",
    "ĐVSNCL": "đơn vị sự nghiệp công lập",
    "TW": "trung ương",
}
_ABBR_RE = re.compile(r"(?<![\w&,-])[A-ZĐ][A-ZĐ&,-]*[A-ZĐ](?![\w&])")

# Sectors renamed by law: one name per object so that versions of the same mandate meet.
RENAMED = [  # (substring that must be present, pattern, replacement)
    ("dạy nghề", re.compile(r"\bdạy nghề\b"), "giáo dục nghề nghiệp"),  # Luật Giáo dục nghề nghiệp 2014
    ("thực phẩm", re.compile(r"\b(vệ sinh an toàn|an toàn vệ sinh) thực phẩm\b"), "an toàn thực phẩm"),  # Luật ATTP 2010
    ("chữa bệnh", re.compile(r"\bkhám,? chữa bệnh\b"), "khám bệnh, chữa bệnh"),
    ("qui", re.compile(r"\bqui\b"), "quy"),
    ("[truncated", re.compile(r"\[truncated in source excerpt\]"), " "),
]


# Place names: capitalised words after an administrative unit ("tỉnh Hưng Yên", "Thành phố Hà Nội").
_PLACE_RE = re.compile(
    r"(?=[TtHhQqXxPp])\b([Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường|[Tt]hị trấn)"
    r"((?:\s+[A-ZĐÀ-Ỹ][\w-]*)+)"
)


_CAPITAL_AFTER_SPACE_RE = re.compile(r"[a-zà-ỹđ,;:] +[A-ZĐÀ-Ỹ]")


def _expand(m: re.Match) -> str:
    word = m.group(0)
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    head = word.rstrip(",-")  # "UBND," – the class may take trailing punctuation
    return ABBREVIATIONS.get(head, head) + word[len(head):]


def normalize(text: str) -> str:
    """NFC, place names dropped, abbreviations expanded, lower case, one tone placement,
    renamed sectors, spaces."""
    s = unicodedata.normalize("NFC", text or "")
    if _CAPITAL_AFTER_SPACE_RE.search(s):
        s = _PLACE_RE.sub(lambda m: m.group(1), s)
        s = _ABBR_RE.sub(_expand, s)
    s = s.lower().replace("\u00a0", " ")
    s = _TONE_RE.sub(lambda m: _TONE_TABLE.get(m.group(0), m.group(0)), s)
    for needle, pattern, repl in RENAMED:
        if needle in s:
            s = pattern.sub(repl, s)
    return " ".join(s.split())


_SPACES_RE = re.compile(r"\s+")


# --- clauses -------------------------------------------------------------------------------

# Item markers: "1.", "12.", "4.1", "1.1.", "a)", "đ)", "a.", "-", "+" at the start of an item.
_ITEM_RE = re.compile(r"^\s*(?:(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ][).]|[-+•])\s+)+")


def strip_numbering(s: str) -> str:
    """Item markers at the start of an item ("1.", "4.1", "a)", "đ)", "-")."""
    return _ITEM_RE.sub("", s, count=1)


def split_clauses(norm: str) -> list[str]:
    """A normalised statement → its clauses (items and `;`/`:`-separated parts), numbering removed.
    A `;` or `:` inside parentheses does not split."""
    if "(" not in norm:
        return _finish_clauses(_PARTS_RE.split(norm))
    return _finish_clauses(_PARTS_PAREN_RE.split(norm))


_PARTS_PAREN_RE = re.compile(r"[;:](?![^()]*\))")
_PARTS_RE = re.compile(r"[;:]")
_SENTENCE_RE = re.compile(r"(?<=[a-zà-ỹđ)])\.\s+(?=[a-zà-ỹđ])")
_SUBITEM_RE = re.compile(r"(?:^|(?<=[\s.,]))(?:[a-zđ]\)|\d{1,2}\.\d{1,2}\.?)\s")


def _finish_clauses(parts: list[str]) -> list[str]:
    """Split parts further at sentence ends and sub-item markers (a), 4.1); strip numbering."""
    out = []
    for part in parts:
        for sentence in _SENTENCE_RE.split(part) if ". " in part else (part,):
            for sub in _SUBITEM_RE.split(sentence) if ")" in sentence or "." in sentence else (sentence,):
                sub = strip_numbering(sub).strip(" .,-")
                if sub:
                    out.append(sub)
    return out


# --- boilerplate ---------------------------------------------------------------------------

# Duties every agency carries (RULES §5). A statement OPENING with one of these is boilerplate
# as a whole (its sub-items included); any clause matching one is dropped as well.
BOILERPLATE_OPENINGS = [re.compile("^" + p) for p in (
    r"(chủ trì,? phối hợp với [^,]* )?trình (ủy ban|chủ tịch|giám đốc|bộ trưởng|cấp có thẩm quyền|hội đồng)",
    r"(tham mưu,? )?(giúp [^ ]+ [^ ]+ [^ ]+ )?trình ",
    r"dự thảo (các )?(nghị quyết|quyết định|chỉ thị|văn bản|quy hoạch|kế hoạch|quy định|mức thu)",
    r"(quản lý|quản lý và chịu trách nhiệm về) (về )?tài chính,? (và )?tài sản",
    r"quản lý (về )?tổ chức( bộ máy)?,? (biên chế|tài chính)",
    r"quản lý (về )?tổ chức bộ máy",
    r"quản lý biên chế",
    r"(thực hiện|làm) (các |một số )?nhiệm vụ(, quyền hạn)? khác",
    r"thực hiện (công tác |chế độ )?(thông tin,? )?(thống kê,? )?(tổng hợp,? )?báo cáo",
    r"(tổ chức,? chỉ đạo |thực hiện |chỉ đạo )?(công tác )?thanh tra,? kiểm tra",
    r"(giải quyết|tiếp công dân|tổ chức việc tiếp công dân)",
    r"(chỉ đạo (và |, )?)?(tổ chức )?(thực hiện )?(chương trình )?cải cách hành chính",
    r"(quy định|quy định cụ thể) (cụ thể )?chức năng,? nhiệm vụ",
    r"hướng dẫn,? kiểm tra (việc thực hiện )?cơ chế tự chủ",
    r"hướng dẫn chuyên môn,? nghiệp vụ",
    r"(chỉ đạo,? )?hướng dẫn,? kiểm tra chuyên môn,? nghiệp vụ",
    r"thực hiện hợp tác quốc tế",
    r"(giúp ủy ban nhân dân( [^ ]+){1,3} )?quản lý nhà nước (đối với|về) (các )?doanh nghiệp,? (tổ chức )?kinh tế tập thể",
    r"(quản lý,? )?hướng dẫn,? kiểm tra hoạt động (của )?(các )?hội",
    r"(hướng dẫn và )?tổ chức thực hiện các văn bản (quy phạm )?pháp luật",
    r"hướng dẫn(,? kiểm tra)? (và )?tổ chức thực hiện (các )?văn bản",
    r"(thông tin,? )?tuyên truyền,? (hướng dẫn,? )?phổ biến,? giáo dục(,? theo dõi thi hành)? pháp luật",
    r"quản lý cán bộ,? công chức",
    r"(thực hiện )?chế độ tiền lương và chính sách",
    r"tổ chức đào tạo,? bồi dưỡng",
    r"(tổ chức )?nghiên cứu,? ứng dụng (tiến bộ )?khoa học",
    r"(quản lý,? )?(đăng ký,? )?cấp,? (điều chỉnh,? )?thu hồi,? (gia hạn )?(các loại )?giấy phép,? (giấy chứng nhận|chứng chỉ)",
    r"tổ chức thực hiện và chịu trách nhiệm về đăng kiểm",
)]
BOILERPLATE_CLAUSES = BOILERPLATE_OPENINGS + [re.compile(p) for p in (
    r"báo cáo định kỳ",
    r"kinh tế tập thể",
    r"công tác văn phòng|văn phòng (sở|cục|bộ|chi cục|tổng cục|ban)\b",  # the agency's own office work
    r"(giúp|thực hiện) công tác (tổ chức cán bộ|kế hoạch,? -? ?tài chính|hành chính,? quản trị|thi đua,? khen thưởng)",
    r"hội,? (các )?tổ chức phi chính phủ",
    r"khiếu nại,? tố cáo",
    r"phòng,? chống tham nhũng",
    r"thực hành tiết kiệm,? chống lãng phí",
    r"chịu sự chỉ đạo,? quản lý",
    r"(có|chịu) tư cách pháp nhân",
    r"^(và )?thực hiện (các |một số )?(chức năng|nhiệm vụ),? quyền hạn (khác )?theo",
)]

# Generic phrases inside any clause: procedure words, references, places. Removed before n-grams.
GENERIC_PHRASES = re.compile("|".join((
    r"theo (đúng )?(quy định|phân cấp|phân công|hướng dẫn|sự phân công)[^,;]*",
    r"(trên|tại) địa bàn( (tỉnh|thành phố|huyện|xã))?",
    r"ở địa phương|tại địa phương|của địa phương|địa phương",
    r"ủy ban nhân dân( cấp)?( (tỉnh|thành phố|huyện|xã|quận|thị xã))?",
    r"hội đồng nhân dân( cấp)?( (tỉnh|thành phố|huyện|xã))?",
    r"(phó )?chủ tịch|giám đốc|bộ trưởng|thủ trưởng",
    r"(sau đây gọi (chung |tắt )?là)[^)]*",
    r"thuộc (phạm vi|thẩm quyền)( quản lý)?( nhà nước)?( của [^ ,;]+)?",
    r"phạm vi quản lý( nhà nước)?|(trong )?phạm vi( được giao| chức năng)?",
    r"quản lý nhà nước|quản lý nhà nước về",
    r"cơ quan chuyên môn|cơ quan có thẩm quyền|cấp có thẩm quyền|cơ quan nhà nước",
    r"tham mưu|chức năng|nhiệm vụ|quyền hạn",
    r"các lĩnh vực|lĩnh vực|ngành",
    r"văn bản quy phạm pháp luật|pháp luật",
    r"đã được phê duyệt|sau khi được (phê duyệt|ban hành)|được giao|được phê duyệt",
    r"dài hạn|hàng năm|hằng năm|05 năm|5 năm|năm năm",
    r"tỉnh|thành phố|trung ương|huyện|xã|phường|thị trấn|thị xã|quận",
    r"(được thành lập )?(theo )?(quyết định|nghị định|thông tư|nghị quyết|pháp lệnh|luật)( liên tịch)? số [^ ,;]*",
    r"ngày \d{1,2}[/-]\d{1,2}[/-]\d{2,4}|ngày \d{1,2} tháng \d{1,2} năm \d{4}",
    # cross-cutting administration every agency does for its own sector
    r"(xây dựng )?cơ sở dữ liệu|dữ liệu|hệ thống thông tin|dự toán( chi)?|ngân sách nhà nước|ngân sách|"
    r"sự nghiệp công|dịch vụ công|thủ tục hành chính|thống kê|lưu trữ|chuyển đổi số|"
    r"ứng dụng công nghệ thông tin|khắc phục hậu quả|vi phạm hành chính|đơn vị sự nghiệp",
)))

# Organisation names (coordination partners, the agency itself): "sở …", "bộ …", "chi cục …".
_ORG_HEAD = r"(sở|bộ|chi cục|cục|tổng cục|phòng|trung tâm|văn phòng|thanh tra|ban)"
_ORG_NAMES = (
    r"nội vụ|tư pháp|tài chính|kế hoạch và đầu tư|công thương|xây dựng|giao thông vận tải|"
    r"nông nghiệp và (phát triển nông thôn|môi trường)|tài nguyên và môi trường|"
    r"khoa học và công nghệ|thông tin và truyền thông|văn hóa,? thể thao và du lịch|du lịch|"
    r"giáo dục và đào tạo|y tế|lao động,? -? ?thương binh và xã hội|lao động - thương binh và xã hội|"
    r"ngoại vụ|dân tộc và tôn giáo|quy hoạch - kiến trúc|an toàn thực phẩm|"
    r"quản lý chất lượng nông,? lâm sản và thủy sản"
)
ORG_NAME_RE = re.compile(rf"\b{_ORG_HEAD} ({_ORG_NAMES})\b")


BOILERPLATE_RE = re.compile("|".join(f"(?:{p.pattern})" for p in BOILERPLATE_CLAUSES))
_OPENINGS_RE = re.compile("|".join(f"(?:{p.pattern})" for p in BOILERPLATE_OPENINGS))


def is_boilerplate(clause: str) -> bool:
    return BOILERPLATE_RE.search(clause) is not None


def is_boilerplate_statement(norm: str) -> bool:
    """The statement opens with a duty every agency carries (its sub-items go with it)."""
    return _OPENINGS_RE.search(strip_numbering(norm[:200]).strip(" .,-")) is not None


# --- scope exclusions and qualifiers --------------------------------------------------------

_EXCL_PAREN_RE = re.compile(r"\((?:trừ|không bao gồm|ngoại trừ|không kể)\b([^()]*)\)")
_EXCL_HEAD_RE = re.compile(r"(trừ|không bao gồm|ngoại trừ|không kể)\b")
_EXCL_TAIL_RE = re.compile(r"(?:,\s*(?:trừ|không kể)|\b(?:không bao gồm|ngoại trừ))\b(.*)$")

# Scope qualifiers that split one object into disjoint parts (RULES §5: "tiền lương … trong
# khu vực doanh nghiệp" is not "tiền lương … CBCCVC"). Two clauses carrying qualifiers of
# different groups, and none of the same group, are about different objects.
SCOPE_GROUPS: dict[str, re.Pattern] = {
    "enterprise": re.compile(r"khu vực doanh nghiệp|trong (các )?doanh nghiệp|người lao động trong doanh nghiệp"),
    "public_sector": re.compile(
        r"cán bộ,? công chức|công chức,? viên chức|cơ quan,? tổ chức hành chính|đơn vị sự nghiệp công lập"
    ),
}


def cut_exclusions(clause: str) -> tuple[str, list[str]]:
    """(the clause without its exclusions, [excluded phrases])."""
    excluded = [m.group(1).strip() for m in _EXCL_PAREN_RE.finditer(clause)]
    clause = _EXCL_PAREN_RE.sub(" ", clause)
    m = _EXCL_TAIL_RE.search(clause)
    if m:
        excluded.append(m.group(1).strip())
        clause = clause[: m.start()]
    return clause, [e for e in excluded if e]


def scope_groups(clause: str) -> frozenset[str]:
    return frozenset(g for g, p in SCOPE_GROUPS.items() if p.search(clause))


# --- tokens --------------------------------------------------------------------------------

STOP_SYLLABLES = frozenset(
    "và của các cho với về theo trong ngoài những được bị do để từ đến khi là tại "
    "trên dưới hoặc như thì mà nếu đã sẽ đang này đó cùng gồm nhằm mỗi mọi vào ra lại "
    "thuộc có giúp số ngày tháng năm qđ nđ tt cp ubnd".split()
)
# State-management activities (the "kind of activity" every agency performs on its own objects):
# not evidence of a shared OBJECT, removed from the terms that are compared.
ACTIVITY_PHRASES = re.compile(
    r"\b(hướng dẫn|kiểm tra|giám sát|thu hồi|gia hạn|điều chỉnh|phê duyệt|thẩm định|tổ chức thực hiện|"
    r"thực hiện|triển khai|chỉ đạo|điều hành|theo dõi|đánh giá|tổng hợp|đề xuất|kiến nghị|phối hợp|"
    r"chủ trì|tham gia|ban hành|xử lý|giải quyết|tuyên truyền|chịu trách nhiệm|hồ sơ|cơ chế|chính sách|"
    r"biện pháp|giải pháp|công tác|tình hình|hỗ trợ|khuyến khích|quyết định|chỉ thị|cho phép|yêu cầu|"
    r"cung cấp|thông báo|tiếp nhận|phân công|phân cấp|ủy quyền|đôn đốc|xác nhận|cấp phép|cấp giấy|"
    r"xây dựng và|tổ chức và|quản lý|bảo đảm|tạo điều kiện|trực thuộc|cấp trên|cùng cấp|"
    r"chương trình|đề án|dự án|kế hoạch)\b"
)

# Multi-syllable function words, removed as phrases before syllables are read.
STOP_PHRASES = re.compile(
    r"\b(đối với|bao gồm|phù hợp( với)?|bảo đảm|đảm bảo|kể cả|liên quan|một số|có liên quan|"
    r"sau đây|nếu có|theo đó|cụ thể)\b"
)
_SYLLABLE_RE = re.compile(r"[a-zà-ỹđ0-9]+")
_RUN_SPLIT_RE = re.compile(r"[,.()\[\]\"'“”/–—]|\s-\s")


def syllable_runs(text: str) -> list[list[str]]:
    """Content syllables grouped in runs (bi-grams never cross punctuation or a stop syllable)."""
    runs = []
    for piece in _RUN_SPLIT_RE.split(text):
        run: list[str] = []
        for syl in _SYLLABLE_RE.findall(piece):
            if syl in STOP_SYLLABLES or syl.isdigit() or (len(syl) == 1 and syl != "y"):
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(syl)
        if run:
            runs.append(run)
    return runs


def ngrams(text: str) -> list[str]:
    """Syllable uni-grams and bi-grams of the content of `text` (already normalised)."""
    out = []
    for run in syllable_runs(text):
        out.extend(run)
        out.extend(f"{a} {b}" for a, b in zip(run, run[1:], strict=False))
    return out


def content(clause: str) -> str:
    """A clause without organisation names and generic phrases."""
    clause = ORG_NAME_RE.sub(" , ", clause)
    clause = GENERIC_PHRASES.sub(" , ", clause)
    clause = ACTIVITY_PHRASES.sub(" , ", clause)
    return STOP_PHRASES.sub(" , ", clause)


@dataclass(frozen=True)
class Clause:
    text: str  # normalised clause (exclusions cut)
    terms: tuple  # n-grams of its content (repeats = term frequency)
    excluded: tuple = ()  # n-grams inside its exclusions
    scopes: frozenset = frozenset()


def analyse_clause(raw: str) -> Clause | None:
    """One normalised clause → its evidence (None for boilerplate or no content)."""
    if BOILERPLATE_RE.search(raw):
        return None
    kept, excluded = cut_exclusions(raw)
    terms = ngrams(content(kept))
    if not terms:
        return None
    ex_terms = tuple(t for e in excluded for t in ngrams(content(e)))
    return Clause(kept.strip(), tuple(terms), ex_terms, scope_groups(kept))


def analyse(statement: str) -> list[Clause]:
    """A mandate statement → its evidence clauses (boilerplate dropped)."""
    norm = normalize(statement)
    if is_boilerplate_statement(norm):
        return []
    return [c for c in map(analyse_clause, split_clauses(norm)) if c is not None]

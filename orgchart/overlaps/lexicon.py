"""Word lists of the overlap pipeline (RULES.md §5): what Vietnamese mandate texts say the same
way in every agency. Each list is a rule about the language of mandates, never about one data
set; what they miss is caught by document frequency (`index.Idf`: a term most agencies carry
is boilerplate) — see README.md "Boilerplate learned from the corpus".

Patterns apply to NORMALISED text (`text.normalize`: lower case, abbreviations expanded)."""
from __future__ import annotations

import re

# --- normalisation -------------------------------------------------------------------------

# Abbreviations used in mandate texts (case-sensitive, whole tokens).
ABBREVIATIONS: dict[str, str] = {
    "UBND": "ủy ban nhân dân", "HĐND": "hội đồng nhân dân", "TTHC": "thủ tục hành chính",
    "CCHC": "cải cách hành chính", "CBCCVC": "cán bộ, công chức, viên chức", "CBCC": "cán bộ, công chức",
    "VSATTP": "an toàn thực phẩm", "ATVSTP": "an toàn thực phẩm", "ATTP": "an toàn thực phẩm",
    "NN&PTNT": "nông nghiệp và phát triển nông thôn", "NNPTNT": "nông nghiệp và phát triển nông thôn",
    "NN&MT": "nông nghiệp và môi trường", "TN&MT": "tài nguyên và môi trường", "TNMT": "tài nguyên và môi trường",
    "LĐTBXH": "lao động, thương binh và xã hội", "LĐ-TB&XH": "lao động, thương binh và xã hội",
    "GD&ĐT": "giáo dục và đào tạo", "GDĐT": "giáo dục và đào tạo", "GDNN": "giáo dục nghề nghiệp",
    "TT&TT": "thông tin và truyền thông", "TTTT": "thông tin và truyền thông",
    "KH&CN": "khoa học và công nghệ", "KHCN": "khoa học và công nghệ", "KH&ĐT": "kế hoạch và đầu tư",
    "VHTTDL": "văn hóa, thể thao và du lịch", "VH,TT&DL": "văn hóa, thể thao và du lịch",
    "GTVT": "giao thông vận tải", "CNTT": "công nghệ thông tin", "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế", "QLNN": "quản lý nhà nước", "VBQPPL": "văn bản quy phạm pháp luật",
    "QPPL": "quy phạm pháp luật", "PCTN": "phòng, chống tham nhũng", "KT-XH": "kinh tế - xã hội",
    "ĐVSNCL": "đơn vị sự nghiệp công lập", "TW": "trung ương",
    "XLĐT": "xử lý đơn thư", "KNTC": "khiếu nại, tố cáo", "TCD": "tiếp công dân", "PCCC": "phòng cháy, chữa cháy",
    "BTXH": "bảo trợ xã hội", "TNXH": "tệ nạn xã hội", "PTTH": "phát thanh, truyền hình",
}

# Paraphrase table: one wording per duty, so that the same duty in other words meets. Sources:
# renamed sectors (Luật Giáo dục nghề nghiệp 2014: "dạy nghề"; Luật An toàn thực phẩm 2010),
# variants seen in the real texts (reference/mandates_real.jsonl) and in the 2025 merger
# decisions. (needle that must be present, pattern, replacement)
SYNONYMS = [
    ("dạy nghề", r"\b(đào tạo|dạy) nghề\b", "giáo dục nghề nghiệp"),
    ("thực phẩm", r"\b(vệ sinh an toàn|an toàn vệ sinh|chất lượng,? vệ sinh an toàn) thực phẩm\b", "an toàn thực phẩm"),
    # Luật ATTP 2010 Điều 64: the ministry of industry and trade answers for the food safety of
    # the food industry (beverages, dairy, oils…) — "công nghiệp thực phẩm" carries that duty
    ("công nghiệp thực phẩm", r"\bcông nghiệp thực phẩm\b", "công nghiệp thực phẩm, an toàn thực phẩm"),
    ("chữa bệnh", r"\bkhám,? chữa bệnh\b", "khám bệnh, chữa bệnh"),
    ("tiếp dân", r"\btiếp dân\b", "tiếp công dân"),
    ("tiếp công dân", r"\btổ chức (việc )?tiếp công dân\b", "tiếp công dân"),
    ("đơn", r"\b(xử lý|tiếp nhận,? (phân loại,? )?xử lý|phân loại,? xử lý) đơn( thư)?(,? khiếu nại|,? kiến nghị|,? tố cáo"
            r"|,? phản ánh| và)*\b", "xử lý đơn thư"),
    ("trẻ em", r"\bbảo vệ,? chăm sóc trẻ em\b|\bbảo vệ trẻ em\b|\bchăm sóc trẻ em\b", "trẻ em"),
    ("tệ nạn", r"\btệ nạn (mại dâm|ma túy)(,? (mại dâm|ma túy))*\b", "tệ nạn xã hội"),
    ("phát thanh", r"\bphát thanh,? truyền hình\b", "phát thanh truyền hình"),
    ("báo", r"\bbáo in,? báo nói,? báo hình,? báo điện tử\b", "báo chí"),
    ("in", r"\bhoạt động in\b|\bin,? phát hành\b", "in ấn, phát hành"),
    ("lữ hành", r"\bkinh doanh lữ hành\b|\bdịch vụ lữ hành\b", "lữ hành"),
    ("người có công", r"\bthương binh,? liệt sĩ( và người có công)?\b", "người có công"),
    ("nước sạch", r"\bcấp nước sạch\b", "nước sạch"),
    ("đất", r"\bsử dụng đất\b|\bquản lý đất\b", "đất đai"),
    ("nguồn nước", r"\bnguồn nước\b", "tài nguyên nước"),
    ("qui", r"\bqui\b", "quy"),
    ("[truncated", r"\[truncated in source excerpt\]", " "),
]
SYNONYMS = [(needle, re.compile(p), repl) for needle, p, repl in SYNONYMS]


def supplement_words() -> list[str]:
    """Words of the synonym table and abbreviations (the dictionary must know them)."""
    out = []
    for _needle, _p, repl in SYNONYMS:
        out += [w.strip() for w in re.split(r"[,()]", repl) if " " in w.strip()]
    for full in ABBREVIATIONS.values():
        out += [w.strip() for w in re.split(r"[,\-]| và ", full) if " " in w.strip()]
    return out + ["tiếp công dân", "đơn thư", "lữ hành", "lưu trú", "thương binh", "liệt sĩ", "người có công",
                  "nước sạch", "công dân", "văn xã", "khoa giáo", "nội chính", "tài vụ"]


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
    r"quản trị nội bộ|văn thư,? lưu trữ và công tác hành chính|công tác văn thư|văn thư,? quản trị",
    r"hội,? (các )?tổ chức phi chính phủ",
    r"phòng,? chống tham nhũng",
    r"thực hành tiết kiệm,? chống lãng phí",
    r"chịu sự chỉ đạo,? quản lý",
    r"(có|chịu) tư cách pháp nhân",
    r"^(và )?thực hiện (các |một số )?(chức năng|nhiệm vụ),? quyền hạn (khác )?theo",
)]
# Complaints and citizen reception within one's own sector are boilerplate; held toward
# citizens as the agency's object (Luật Tiếp công dân 2013: reception, receiving and handling
# petitions at the citizen-reception office) they are substantive (RULES §5).
OWN_COMPLAINTS = re.compile(r"khiếu nại|tố cáo|tiếp công dân")
CITIZEN_RECEPTION = re.compile(r"xử lý đơn thư|trụ sở tiếp công dân|tiếp nhận|kiến nghị,? phản ánh|"
                               r"^(về )?tiếp công dân$|^tiếp công dân (và|,)")

# Generic phrases inside any clause: procedure words, references, places. Removed before terms
# (a separator: they never join or cut an object's phrase).
GENERIC_PHRASES = re.compile(r"\b(?:" + "|".join((
    r"theo (đúng )?(quy định|phân cấp|phân công|hướng dẫn|sự phân công)[^,;]*",
    r"(trên|tại) địa bàn( (tỉnh|thành phố|huyện|xã))?",
    r"ở địa phương|tại địa phương|của địa phương|địa phương",
    r"ủy ban nhân dân( cấp)?( (tỉnh|thành phố|huyện|xã|quận|thị xã))?",
    r"hội đồng nhân dân( cấp)?( (tỉnh|thành phố|huyện|xã))?",
    r"(phó )?chủ tịch|giám đốc|bộ trưởng|thủ trưởng|lãnh đạo|là tổ chức thuộc|là cơ quan",
    r"là tổ chức hành chính|(tổ chức )?thực thi( pháp luật)?|(theo )?thẩm quyền|tư cách pháp nhân|con dấu|tài khoản",
    r"(sau đây gọi (chung |tắt )?là)[^)]*",
    r"thuộc (phạm vi|thẩm quyền)( quản lý)?( nhà nước)?( của [^ ,;]+)?",
    r"phạm vi quản lý( nhà nước)?|(trong )?phạm vi( được giao| chức năng)?",
    r"quản lý nhà nước|quản lý nhà nước về",
    r"cơ quan chuyên môn|cơ quan có thẩm quyền|cấp có thẩm quyền|cơ quan nhà nước",
    r"tham mưu|chức năng|nhiệm vụ|quyền hạn",
    r"các lĩnh vực|lĩnh vực|chuyên ngành|liên ngành|ngành",
    r"đã được phê duyệt|sau khi được (phê duyệt|ban hành)|được giao|được phê duyệt",
    r"dài hạn|hàng năm|hằng năm|05 năm|5 năm|năm năm|kinh tế -? ?xã hội",  # the province's plan: every agency
    r"tỉnh|thành phố|trung ương|huyện|xã(?! hội)|phường|thị trấn|thị xã|quận",
    r"(được thành lập )?(theo )?(quyết định|nghị định|thông tư|nghị quyết|pháp lệnh|luật)( liên tịch)? số [^ ,;]*",
    r"ngày \d{1,2}[/-]\d{1,2}[/-]\d{2,4}|ngày \d{1,2} tháng \d{1,2} năm \d{4}",
)) + r")\b")
# Cross-cutting administration every agency does for its own sector: generic objects. An object
# phrase they modify loses its head's meaning ("xây dựng | văn bản quy phạm pháp luật" is not
# "xây dựng"): the words before them are kept as weak terms only (text.word_runs).
GENERIC_OBJECTS = re.compile(r"\b(?:" + "|".join((
    r"văn bản quy phạm pháp luật|pháp luật|(xây dựng )?cơ sở dữ liệu|dữ liệu|hệ thống thông tin|dự toán( chi)?",
    r"ngân sách nhà nước|ngân sách|sự nghiệp công|dịch vụ công|thủ tục hành chính|thống kê|lưu trữ|chuyển đổi số",
    r"ứng dụng công nghệ thông tin|khắc phục hậu quả|vi phạm hành chính|đơn vị sự nghiệp",
)) + r")\b")

# Organisation names (coordination partners): "sở …", "bộ …", "chi cục …".
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
# Heads an agency uses alone to name itself or its parent ("lãnh đạo Văn phòng", "Chi cục").
SELF_HEADS = ("văn phòng", "chi cục", "trung tâm", "tổng cục")

# --- kinds of activity ---------------------------------------------------------------------

# RULES §5: an overlap is the same object AND the same kind of activity. The inspectorate's
# inspection of a sector and the Office's monitoring of it for the chairman are not the
# sector's management: a clause in one of these modes is compared only with the same mode.
MODES = {
    "inspection": re.compile(r"\bthanh tra\b"),
    "monitoring": re.compile(r"\btheo dõi,? tham mưu\b|\btheo dõi,? đôn đốc\b"),
}

# Scope qualifiers that split one object into disjoint parts (RULES §5: "tiền lương … trong
# khu vực doanh nghiệp" is not "tiền lương … CBCCVC").
SCOPE_GROUPS: dict[str, re.Pattern] = {
    "enterprise": re.compile(r"khu vực doanh nghiệp|trong (các )?doanh nghiệp|người lao động trong doanh nghiệp"),
    "public_sector": re.compile(
        r"cán bộ,? công chức|công chức,? viên chức|cơ quan,? tổ chức hành chính|đơn vị sự nghiệp công lập"
    ),
}

# --- tokens --------------------------------------------------------------------------------

STOP_WORDS = frozenset(
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
    r"biện pháp|giải pháp|công tác|tình hình|hỗ trợ|khuyến khích|quyết định|chỉ thị|quy chế|cho phép|yêu cầu|"
    r"cung cấp|thông báo|tiếp nhận|phân công|phân cấp|ủy quyền|đôn đốc|xác nhận|cấp phép|cấp giấy|"
    r"xây dựng và|tổ chức và|quản lý|bảo đảm|tạo điều kiện|trực thuộc|cấp trên|cùng cấp|"
    r"chương trình|đề án|dự án|kế hoạch|thanh tra|bảo vệ|phát triển|khai thác|bảo tồn|phòng,? chống|phòng ngừa)"
    r"\b(?! (công dân|đơn thư))"
)
# Multi-syllable function words, removed as phrases before words are read.
STOP_PHRASES = re.compile(
    r"\b(đối với|bao gồm|phù hợp( với)?|bảo đảm|đảm bảo|kể cả|liên quan|một số|có liên quan|"
    r"sau đây|nếu có|theo đó|cụ thể)\b"
)

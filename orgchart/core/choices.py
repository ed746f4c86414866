"""Every enumeration of CONTRACT §2 and GLOSSARY.md: lowercase codes in data and API,
Vietnamese labels in the UI. Ordered enumerations expose a rank for comparisons."""
import functools

from django.db import models


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", "Bộ"
    MINISTRY_EQUIVALENT = "ministry_equivalent", "Cơ quan ngang bộ"
    GOVERNMENT_AGENCY = "government_agency", "Cơ quan thuộc Chính phủ"
    GENERAL_DEPARTMENT = "general_department", "Tổng cục"
    CENTRAL_DEPARTMENT = "central_department", "Cục"
    MINISTRY_DEPARTMENT = "ministry_department", "Vụ"
    PEOPLE_COMMITTEE = "people_committee", "Ủy ban nhân dân"
    DEPARTMENT = "department", "Sở"
    DEPARTMENT_EQUIVALENT = "department_equivalent", "Cơ quan ngang sở"
    SUB_DEPARTMENT = "sub_department", "Chi cục"
    DIVISION = "division", "Phòng"
    BOARD = "board", "Ban, ban quản lý"
    PUBLIC_SERVICE_UNIT = "public_service_unit", "Đơn vị sự nghiệp công lập"
    OTHER = "other", "Khác"


class AgencyLevel(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"


class AgencyClass(models.TextChoices):
    SPECIAL = "special", "Loại đặc biệt"
    I = "I", "Loại I"  # noqa: E741
    II = "II", "Loại II"
    III = "III", "Loại III"


class MandateKind(models.TextChoices):
    FUNCTION = "function", "Chức năng"
    DUTY = "duty", "Nhiệm vụ"
    POWER = "power", "Quyền hạn"


class PositionCategory(models.TextChoices):
    LEADERSHIP = "leadership", "Lãnh đạo, quản lý"
    PROFESSIONAL = "professional", "Chuyên môn, nghiệp vụ"
    SHARED_PROFESSIONAL = "shared_professional", "Chuyên môn dùng chung"
    SUPPORT = "support", "Hỗ trợ, phục vụ"


class LeadershipRole(models.TextChoices):
    HEAD = "head", "Người đứng đầu"
    DEPUTY = "deputy", "Cấp phó"
    NONE = "none", "Không"


class Education(models.TextChoices):
    SECONDARY = "secondary", "Trung học"
    VOCATIONAL = "vocational", "Trung cấp"
    COLLEGE = "college", "Cao đẳng"
    BACHELOR = "bachelor", "Đại học"
    MASTER = "master", "Thạc sĩ"
    DOCTOR = "doctor", "Tiến sĩ"


class PoliticalTheory(models.TextChoices):
    NONE = "none", "Chưa có"
    ELEMENTARY = "elementary", "Sơ cấp"
    INTERMEDIATE = "intermediate", "Trung cấp"
    ADVANCED = "advanced", "Cao cấp, cử nhân"


class StateMgmt(models.TextChoices):
    NONE = "none", "Chưa có"
    SPECIALIST = "specialist", "Chuyên viên"
    PRINCIPAL = "principal", "Chuyên viên chính"
    SENIOR = "senior", "Chuyên viên cao cấp"


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class StaffType(models.TextChoices):
    CADRE = "cadre", "Cán bộ"
    CIVIL_SERVANT = "civil_servant", "Công chức"
    PUBLIC_EMPLOYEE = "public_employee", "Viên chức"
    CONTRACT = "contract", "Hợp đồng lao động"


class AssignmentKind(models.TextChoices):
    RECRUITMENT = "recruitment", "Tuyển dụng"
    FIRST_APPOINTMENT = "first_appointment", "Bổ nhiệm lần đầu"
    HIGHER_APPOINTMENT = "higher_appointment", "Bổ nhiệm chức vụ cao hơn"
    REAPPOINTMENT = "reappointment", "Bổ nhiệm lại"
    ROTATION = "rotation", "Luân chuyển"
    TRANSFER = "transfer", "Điều động"
    SECONDMENT = "secondment", "Biệt phái"
    CONCURRENT = "concurrent", "Kiêm nhiệm"
    ACTING = "acting", "Giao quyền, phụ trách"


# Kinds that never count toward quotas, headcount or "holding" a position (RULES.md preamble).
NON_HOLDING_KINDS = frozenset({AssignmentKind.CONCURRENT, AssignmentKind.ACTING, AssignmentKind.SECONDMENT})
APPOINTMENT_KINDS = frozenset(
    {AssignmentKind.FIRST_APPOINTMENT, AssignmentKind.HIGHER_APPOINTMENT, AssignmentKind.REAPPOINTMENT}
)


class RatingValue(models.TextChoices):
    EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "good", "Hoàn thành tốt nhiệm vụ"
    COMPLETED = "completed", "Hoàn thành nhiệm vụ"
    NOT_COMPLETED = "not_completed", "Không hoàn thành nhiệm vụ"


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    SALARY_DEMOTION = "salary_demotion", "Hạ bậc lương"
    DEMOTION = "demotion", "Giáng chức"
    DISMISSAL_FROM_POST = "dismissal_from_post", "Cách chức"
    REMOVAL = "removal", "Bãi nhiệm"
    FORCED_RESIGNATION = "forced_resignation", "Buộc thôi việc"


class SeparationReason(models.TextChoices):
    RETIREMENT = "retirement", "Nghỉ hưu"
    REDUCTION = "reduction", "Tinh giản biên chế"
    RESIGNATION = "resignation", "Thôi việc"
    TRANSFER_OUT = "transfer_out", "Chuyển công tác"
    DISMISSAL = "dismissal", "Buộc thôi việc"
    DEATH = "death", "Từ trần"


class QuotaKind(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", "Biên chế công chức"
    PUBLIC_EMPLOYEE = "public_employee", "Số lượng người làm việc"
    CONTRACT = "contract", "Hợp đồng lao động"


# Which staff types a quota kind counts (RULES.md §3).
STAFF_TYPES_OF_QUOTA_KIND = {
    QuotaKind.CIVIL_SERVANT: (StaffType.CIVIL_SERVANT, StaffType.CADRE),
    QuotaKind.PUBLIC_EMPLOYEE: (StaffType.PUBLIC_EMPLOYEE,),
    QuotaKind.CONTRACT: (StaffType.CONTRACT,),
}
QUOTA_KIND_OF_STAFF_TYPE = {st: k for k, sts in STAFF_TYPES_OF_QUOTA_KIND.items() for st in sts}


class Severity(models.TextChoices):
    VIOLATION = "violation", "Vi phạm"
    WARNING = "warning", "Cảnh báo"


class ChangeKind(models.TextChoices):
    """Kinds of a structural change event (CONTRACT §2 change_events)."""

    ESTABLISH = "establish", "Thành lập"
    MERGE = "merge", "Hợp nhất, sáp nhập"
    SPLIT = "split", "Chia, tách"
    MOVE = "move", "Chuyển trực thuộc"
    DISSOLVE = "dissolve", "Giải thể"
    RENAME = "rename", "Đổi tên"


class OverlapStatus(models.TextChoices):
    NEW = "new", "Mới"
    CONFIRMED = "confirmed", "Xác nhận chồng chéo"
    DISMISSED = "dismissed", "Không chồng chéo"
    RESOLVED = "resolved", "Đã xử lý"


class Regime(models.TextChoices):
    EARLY_RETIREMENT = "early_retirement", "Nghỉ hưu trước tuổi"
    LEAVE_SERVICE = "leave_service", "Thôi việc ngay"


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị"
    RESTRUCTURING = "restructuring", "Tổ chức bộ máy"
    PERSONNEL = "personnel", "Cán bộ, công chức"
    AUDITOR = "auditor", "Thanh tra, kiểm toán"


@functools.lru_cache(maxsize=64)
def _order(choices: type[models.TextChoices]) -> dict[str, int]:
    return {v: i for i, v in enumerate(choices.values)}  # `.values` builds a new list on each call


def rank(choices: type[models.TextChoices], value: str | None) -> int:
    """Position of `value` in an ordered enumeration (lowest first); -1 when missing."""
    if not value:
        return -1
    return _order(choices).get(value, -1)


def values_q(field: str, choices: type[models.TextChoices]):
    """A CheckConstraint condition: `field` holds one of the enumeration's values."""
    return models.Q(**{f"{field}__in": list(choices.values)})

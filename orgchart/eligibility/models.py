"""Audit of appointment decisions taken through `appointOfficial` (who, what the rules found,
why they were overridden). The assignment's own simple_history row carries the same reason."""
from django.conf import settings
from django.db import models


class AppointmentDecision(models.Model):
    assignment = models.ForeignKey(
        "personnel.Assignment", verbose_name="quá trình công tác", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="appointment_decisions",
    )
    official = models.ForeignKey("personnel.Official", verbose_name="cán bộ", on_delete=models.CASCADE,
                                 related_name="appointment_decisions")
    position = models.ForeignKey("positions.JobPosition", verbose_name="vị trí", on_delete=models.CASCADE,
                                 related_name="appointment_decisions")
    action = models.CharField("hình thức", max_length=24)
    start_on = models.DateField("từ ngày")
    decision_no = models.CharField("số quyết định", max_length=100, blank=True, default="")
    eligible = models.BooleanField("đủ điều kiện")
    findings = models.JSONField("kết quả kiểm tra", default=list, blank=True)
    override_reason = models.TextField("lý do vượt quy định", blank=True, default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, blank=True,
                             on_delete=models.SET_NULL)
    decided_at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "quyết định bổ nhiệm (kiểm tra điều kiện)"
        verbose_name_plural = "quyết định bổ nhiệm (kiểm tra điều kiện)"
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.action} {self.official_id} → {self.position_id} {self.start_on}"

"""Bookkeeping of dataset generation runs, so `generate_dataset --resume` continues where it stopped."""
from django.db import models


class GenerationRun(models.Model):
    """One generated data set: its parameters, the id ranges it owns and the chunks written."""

    params_key = models.CharField(max_length=200, unique=True)
    seed = models.BigIntegerField()
    agencies = models.PositiveIntegerField()
    officials = models.PositiveIntegerField()
    bases = models.JSONField("first id of each table", default=dict)
    details = models.JSONField("root code, chunk sizes, planted overlaps", default=dict)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lần sinh dữ liệu"
        verbose_name_plural = "lần sinh dữ liệu"

    def __str__(self):
        return self.params_key


class GeneratedChunk(models.Model):
    """A chunk (the central government or one province) written in one transaction."""

    run = models.ForeignKey(GenerationRun, on_delete=models.CASCADE, related_name="chunks")
    key = models.CharField(max_length=32)
    rows = models.JSONField(default=dict)
    finished_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="datagen_chunk_unique")]

"""Batch loading for synchronous graphene: objects returned together form a *cohort*; the
first time a field is resolved on any member, it is loaded for the whole cohort in one query.
So a request costs a fixed number of queries per level and field, whatever the tree size
(the same effect as DataLoaders, without an event loop)."""
import datetime as dt


class Cohort:
    __slots__ = ("members", "day", "cache")

    def __init__(self, members, day: dt.date):
        self.members = members
        self.day = day
        self.cache: dict = {}

    def load(self, key, loader):
        """loader(members, day) → value shared by the cohort (usually {pk: …})."""
        if key not in self.cache:
            self.cache[key] = loader(self.members, self.day)
        return self.cache[key]


def attach(objs, day: dt.date):
    """Tag `objs` as one cohort on `day`; returns them as a list."""
    objs = list(objs)
    cohort = Cohort(objs, day)
    for obj in objs:
        obj._cohort = cohort
        obj._on_date = day
    return objs


def cohort_of(obj, day: dt.date | None = None) -> Cohort:
    cohort = getattr(obj, "_cohort", None)
    if cohort is None:
        from orgchart.core.dates import today

        attach([obj], day or getattr(obj, "_on_date", None) or today())
        cohort = obj._cohort
    return cohort


def load_grouped(obj, key, loader, default=()):
    """Per-member value of a cohort-wide {pk: value} load."""
    cohort = cohort_of(obj)
    return cohort.load(key, loader).get(obj.pk, default)


def regroup(groups: dict, day: dt.date) -> dict:
    """Make all objects in the {key: [objs]} lists one new cohort (the next level of a tree)."""
    attach([o for objs in groups.values() for o in objs], day)
    return groups

"""20 and 50 parallel moves on PostgreSQL leave a valid MPTT tree (the advisory lock serialises them)."""
import datetime as dt
import random
import threading

import pytest
from django.db import connection, connections

from orgchart.core.errors import DomainError
from orgchart.restructuring import services
from orgchart.structure.models import Agency

from .helpers import intervals_disjoint, mptt_valid

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("n", [20, 50])
def test_parallel_moves_leave_a_valid_tree(build, n):
    root = build.agency("ROOT", "people_committee")
    deps = [build.agency(f"D{i}", "department", root) for i in range(5)]
    divs = [build.agency(f"V{i}", "division", deps[i % 5]) for i in range(n)]
    rnd = random.Random(7)
    targets = [rnd.choice(deps + divs) for _ in divs]
    errors, done = [], []
    barrier = threading.Barrier(n)

    def work(div, target):
        try:
            barrier.wait(timeout=30)
            services.move_agency(div.code, target.code, dt.date(2025, 7, 1))
            done.append(div.code)
        except DomainError as e:  # cycles and no-op moves are refused cleanly
            errors.append(e.code)
        except Exception as e:  # pragma: no cover - would be a failure
            errors.append(repr(e))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(d, t)) for d, t in zip(divs, targets, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(e in ("conflict", "invalid") for e in errors), errors
    assert done
    assert mptt_valid() and intervals_disjoint()
    # no cycles: every agency reaches the root
    parent = dict(Agency.objects.values_list("pk", "parent_id"))
    for pk in parent:
        seen, node = set(), pk
        while parent[node] is not None:
            assert node not in seen
            seen.add(node)
            node = parent[node]
        assert node == root.pk

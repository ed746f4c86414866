"""Server time of each web page on the demo province (in-process, Django's test client, no
network): `python -m orgchart.web.browser.timings` against the database of DATABASE_URL (load
it with `manage.py loaddemo` and `detect_overlaps` first). Prints the median of 7 requests after
one warm-up, and the query count. A benchmark, not a test: timings never gate the suite."""
import datetime as dt
import os
import statistics
import sys
import time


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from orgchart.overlaps.models import OverlapFinding

    future = (dt.date.today().replace(day=1) + dt.timedelta(days=62)).replace(day=1).isoformat()
    finding = OverlapFinding.objects.order_by("-score").values_list("pk", flat=True).first()
    pages = [
        ("/", None), ("/co-quan/?sau=2", None), ("/co-quan/KH.DL/", None), ("/so-do/?sau=2", None),
        ("/so-do/?sau=2&dinh_dang=svg", None), ("/dau-moi/", None), ("/tim-kiem/?q=tai chinh", "admin"),
        ("/chong-cheo/", "admin"), (f"/chong-cheo/{finding}/", "admin"),
        (f"/sap-xep/?thao_tac=merge&xem=1&nguon1=KH.DL&dich=KH.VHTTDL&ngay_hieu_luc={future}", "admin"),
        ("/sap-xep/lich/", "admin"), ("/kiem-tra-bo-nhiem/?can_bo=KH00004&vi_tri=KH.VP.TCD.TRUONG", "admin"),
        ("/kiem-tra-bo-nhiem/?vi_tri=KH.DL.LH.TRUONG", "admin"), ("/co-quan/KH/bien-che/", "admin"),
        ("/co-quan/KH/bien-che/?dinh_dang=doi_tuong", "admin"), ("/co-quan/KH/bien-che/?dinh_dang=xlsx", "admin"),
        ("/can-bo/KH00004/", "admin"), ("/goi-y/?loai=can_bo&q=nguyen van", "admin"),
    ]
    with transaction.atomic():  # the timing account is rolled back
        admin = User.objects.create_superuser("timing-only", "t@example.vn", "x-timing-secret-1")
        clients = {None: Client(), "admin": Client()}
        clients["admin"].force_login(admin)
        print(f"load average {os.getloadavg()[0]:.1f}; wall = elapsed, CPU = this process (SQLite runs in it)")
        print(f"{'page':<95} {'wall ms':>9} {'CPU ms':>7} {'queries':>7}")
        for url, who in pages:
            client = clients[who]
            client.get(url)
            times, cpu = [], []
            for _ in range(7):
                start, start_cpu = time.perf_counter(), time.process_time()
                resp = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
                assert resp.status_code == 200, (url, resp.status_code)
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            print(f"{url:<95} {statistics.median(times):>9.0f} {statistics.median(cpu):>7.0f} "
                  f"{len(ctx.captured_queries):>7}")
        transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

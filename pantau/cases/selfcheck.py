"""`pantau check`: the national holidays that working-day deadlines skip are listed for this year and the next."""

from django.utils import timezone

from . import workdays


def _holidays():
    year = timezone.localdate().year
    missing = workdays.missing_years([year, year + 1])
    if missing:
        years = ", ".join(str(y) for y in missing)
        return None, (
            f"no national holidays listed for {years} in pantau/cases/data/holidays.toml: "
            "working-day deadlines skip only weekends there"
        )
    return True, f"national holidays listed for {year} and {year + 1}"


CHECKS = [("holidays", _holidays)]

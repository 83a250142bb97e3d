from __future__ import annotations

from goals import urls_goals, urls_indicators, urls_resources

app_name = "goals"

# Mounted at /d/<district>/ziele/.
urlpatterns = [
    *urls_goals.urlpatterns,
    *urls_indicators.urlpatterns,
    *urls_resources.urlpatterns,
]

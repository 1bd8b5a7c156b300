"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) at /open311/v2/.

Services are the active appeal categories; service requests are appeals. Plain Django
views (not the ninja API): the spec chooses the format by a file suffix (.json / .xml),
posts form-encoded bodies and has its own error shape, a list of {code, description}.
"""
